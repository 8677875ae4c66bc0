-- grain: one row per regio x jaar x indicator of a gemeente's own upload (import-lokaal)
select
    l.bron_id,
    trim(l.regio_code) as regio_code,
    l.niveau,
    trim(l.gemeente_code) as gemeente_code,
    l.jaar,
    l.indicator,
    l.kolom,
    l.waarde,
    l.eenheid,
    b.bestand,
    b.ingested_at
from raw_lokaal as l
left join bron as b on b.bron_id = l.bron_id
