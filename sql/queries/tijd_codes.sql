-- region codes per year for a level in a gemeente (to find years where the indeling changed)
select jaar, regio_code, max(regio_naam) as regio_naam
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau
group by jaar, regio_code
order by jaar, regio_code
