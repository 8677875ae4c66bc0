-- coverage per jaar x niveau x indicator: regions with a row and regions with a value
select
    jaar,
    niveau,
    indicator,
    count(distinct regio_code) as regios_met_rij,
    count(distinct case when waarde is not null then regio_code end) as regios_met_waarde
from int_indicator__waarden
where niveau in ('gemeente', 'wijk', 'buurt')
    and (cast(:gemeente_code as varchar(10)) is null or gemeente_code = :gemeente_code)
group by jaar, niveau, indicator
