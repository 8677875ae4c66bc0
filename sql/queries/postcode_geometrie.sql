-- the polygon of one PC4 postcode area (newest year), for the region search on the Kaart
select regio_code, jaar, geometrie_geojson
from stg_geometrie
where niveau = :niveau and regio_code = :postcode
order by jaar desc
limit 1
