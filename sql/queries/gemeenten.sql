-- gemeenten that have any indicator, with their latest name
select gemeente_code, max(regio_naam) as gemeente_naam
from mart_indicator_mat
where niveau = 'gemeente'
group by gemeente_code
order by gemeente_naam
