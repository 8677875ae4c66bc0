-- polygons of every region of a level in a gemeente, per polygon year (report map)
select regio_code, jaar, geometrie_geojson
from mart_geometrie_mat
where gemeente_code = :gemeente_code and niveau = :niveau
order by jaar, regio_code
