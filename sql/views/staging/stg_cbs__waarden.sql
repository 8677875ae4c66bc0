-- grain: one row per bron x regio x published CBS column
-- cleans: trims space-padded codes; "." and blanks -> NULL (missing, never 0);
--         CBS wijk- en buurtkaart sentinels (-99999999 ...) -> NULL
-- raw_cbs_reeks holds source, year and column once per series, raw_cbs_regio each region code
-- once; raw_cbs_waarde the cells
select
    r.bron_id,
    r.jaar,
    r.reeks_id,
    trim(g.regio_code) as regio_code,
    r.kolom,
    k.stem,
    k.is_numeriek,
    -- the cast only ever sees numeric text (NULL otherwise): DuckDB evaluates a cast shared
    -- by several branches for every row, so text such as a name must not reach it
    case
        when cast(
            case
                when k.is_numeriek = 1 and trim(w.waarde) not in ('.', '', 'x', '-', '?')
                    then trim(w.waarde)
            end as double precision
        ) in (-99999999, -99999998, -99999997, -99997, -99995) then null
        else cast(
            case
                when k.is_numeriek = 1 and trim(w.waarde) not in ('.', '', 'x', '-', '?')
                    then trim(w.waarde)
            end as double precision
        )
    end as waarde_num,
    case when trim(w.waarde) in ('.', '') then null else trim(w.waarde) end as waarde_tekst
from raw_cbs_waarde as w
inner join raw_cbs_reeks as r on r.reeks_id = w.reeks_id
inner join raw_cbs_regio as g on g.regio_id = w.regio_id
inner join raw_cbs_kolom as k
    on k.bron_id = r.bron_id and k.kolom = r.kolom
