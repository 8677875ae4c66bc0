-- grain: one row per regio x jaar x indicator (what the Kaart page and exports read)
-- regio_naam: name of the same year or of a year in which the code provably denotes the same
-- area (int_regio__naam); else 'naam onbekend (<code>)', never the name of another area.
-- Values, series and names are stored once each (mart_indicator_waarde_mat,
-- mart_indicator_reeks_mat, mart_regio_naam_mat); the join on jaar as well as reeks_id lets a
-- selection by gemeente, niveau, jaar and indicator use the index of the value table.
select
    f.regio_code,
    coalesce(n.regio_naam, 'naam onbekend (' || f.regio_code || ')') as regio_naam,
    f.niveau,
    f.gemeente_code,
    f.jaar,
    r.indicator,
    r.label,
    r.bron_kolom,
    f.waarde,
    r.eenheid,
    r.methode,
    r.thema,
    r.bron
from mart_indicator_waarde_mat as f
inner join mart_indicator_reeks_mat as r on r.reeks_id = f.reeks_id and r.jaar = f.jaar
left join mart_regio_naam_mat as n on n.regio_code = f.regio_code and n.jaar = f.jaar
