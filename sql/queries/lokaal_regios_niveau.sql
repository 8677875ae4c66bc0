-- every known region code of one level per indeling year (all gemeenten), to check an upload
-- that names no gemeente
select regio_code, jaar
from mart_indicator_mat
where niveau = :niveau
group by regio_code, jaar
order by jaar, regio_code
