-- grain: one row per niveau x indeling year x region with a polygon (simplified, EPSG:4326 GeoJSON)
select
    g.bron_id,
    g.jaar,
    g.niveau,
    trim(g.regio_code) as regio_code,
    trim(g.gemeente_code) as gemeente_code,
    g.geometrie_geojson,
    g.lon,
    g.lat
from raw_geometrie as g
