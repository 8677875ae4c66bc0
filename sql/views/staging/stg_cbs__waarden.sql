-- grain: one row per bron x regio x published CBS column
-- cleans: trims space-padded codes; "." and blanks -> NULL (missing, never 0);
--         CBS wijk- en buurtkaart sentinels (-99999999 ...) -> NULL
select
    w.bron_id,
    w.jaar,
    trim(w.regio_code) as regio_code,
    w.kolom,
    k.stem,
    k.is_numeriek,
    case
        when k.is_numeriek = 1 and trim(w.waarde) not in ('.', '', 'x', '-', '?') then
            case
                when cast(trim(w.waarde) as double precision)
                    in (-99999999, -99999998, -99999997, -99997, -99995) then null
                else cast(trim(w.waarde) as double precision)
            end
    end as waarde_num,
    case when trim(w.waarde) in ('.', '') then null else trim(w.waarde) end as waarde_tekst
from raw_cbs_waarde as w
inner join raw_cbs_kolom as k
    on k.bron_id = w.bron_id and k.kolom = w.kolom
