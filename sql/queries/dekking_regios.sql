-- regions per jaar x niveau that have any indicator value row (the denominator of dekking)
select jaar, niveau, count(distinct regio_code) as regios
from int_indicator__waarden
where niveau in ('gemeente', 'wijk', 'buurt')
    and (cast(:gemeente_code as varchar(10)) is null or gemeente_code = :gemeente_code)
group by jaar, niveau
