-- region codes (with a name) per indeling year of one gemeente and level, to validate an upload
select regio_code, jaar, max(regio_naam) as regio_naam
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau
group by regio_code, jaar
order by jaar, regio_code
