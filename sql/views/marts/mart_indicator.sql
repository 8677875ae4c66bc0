-- grain: one row per regio x jaar x indicator (what the Kaart page and exports read)
-- regio_naam: name of the same year or of a year in which the code provably denotes the same
-- area (int_regio__naam); else 'naam onbekend (<code>)', never the name of another area
select
    i.regio_code,
    coalesce(n.regio_naam, 'naam onbekend (' || i.regio_code || ')') as regio_naam,
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
left join int_regio__naam as n on n.regio_code = i.regio_code and n.jaar = i.jaar
