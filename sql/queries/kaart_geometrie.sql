-- polygons of one level and indeling year, for one gemeente or (gemeente_code '*') all of NL
select regio_code, regio_naam, gemeente_code, geometrie_geojson, lon, lat
from mart_geometrie_mat
where (gemeente_code = :gemeente_code or :gemeente_code = '*')
  and niveau = :niveau and jaar = :jaar
order by regio_code
