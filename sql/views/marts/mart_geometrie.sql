-- grain: one row per gemeente_code x niveau x jaar (indeling year of the polygons) x region
-- regio_naam: the name published with the polygons (same year), else the code
select
    g.gemeente_code,
    g.niveau,
    g.jaar,
    g.regio_code,
    coalesce(n.regio_naam, g.regio_code) as regio_naam,
    g.geometrie_geojson,
    g.lon,
    g.lat,
    g.bron_id
from stg_geometrie as g
left join stg_regio__namen as n on n.regio_code = g.regio_code and n.jaar = g.jaar
