-- per polygon year: how many of the given region codes have a polygon (pairing data with maps)
select jaar, count(distinct regio_code) as gevonden
from mart_geometrie_mat
where niveau = :niveau and regio_code in :codes
group by jaar
order by jaar
