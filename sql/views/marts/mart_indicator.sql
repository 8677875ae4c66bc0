-- grain: one row per regio x jaar x indicator (what the Kaart page and exports read)
-- regio_naam: name of the same year, else of the latest year with a name, else the code
select
    i.regio_code,
    coalesce(n.regio_naam, l.regio_naam, i.regio_code) as regio_naam,
    i.niveau,
    i.gemeente_code,
    i.jaar,
    i.indicator,
    i.label,
    i.bron_kolom,
    i.waarde,
    i.eenheid,
    i.methode,
    i.thema,
    i.tabel_id || ' (' || i.jaar || '), ' || i.attributie as bron
from int_indicator__waarden as i
left join stg_regio__namen as n on n.regio_code = i.regio_code and n.jaar = i.jaar
left join int_regio__naam_laatst as l on l.regio_code = i.regio_code
