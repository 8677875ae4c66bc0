-- grain: one row per regio x jaar x indicator of a gemeente's own upload (import-lokaal)
-- herkomst is always 'eigen data': these figures are not from CBS and carry no CBS methode
select
    l.regio_code,
    coalesce(n.regio_naam, l.regio_code) as regio_naam,
    l.niveau,
    l.gemeente_code,
    l.jaar,
    l.indicator,
    l.kolom as label,
    l.waarde,
    l.eenheid,
    'eigen data' as herkomst,
    'eigen data van ' || l.gemeente_code || ': ' || coalesce(l.bestand, l.bron_id)
        || ' (ingelezen ' || coalesce(l.ingested_at, '?') || '), niet van CBS' as bron
from stg_lokaal as l
left join stg_regio__namen as n on n.regio_code = l.regio_code and n.jaar = l.jaar
