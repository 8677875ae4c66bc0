-- grain: one row per regio x jaar x indicator x bron (catalogue: geldstromen/domain/indicatoren.csv)
-- units: waarde in the catalogue unit (published value x factor, e.g. x1000 euro -> euro)
select
    s.regio_code,
    case substr(s.regio_code, 1, 2)
        when 'GM' then 'gemeente'
        when 'WK' then 'wijk'
        when 'BU' then 'buurt'
        when 'NL' then 'land'
    end as niveau,
    case when substr(s.regio_code, 1, 2) in ('GM', 'WK', 'BU')
        then 'GM' || substr(s.regio_code, 3, 4)
    end as gemeente_code,
    s.jaar,
    r.indicator,
    r.label,
    s.reeks_id,
    s.stem as bron_kolom,
    s.waarde_num * r.factor as waarde,
    r.eenheid,
    r.methode,
    r.thema,
    b.bron_id,
    b.tabel_id,
    b.attributie
from stg_cbs__waarden as s
inner join bron as b on b.bron_id = s.bron_id
inner join ref_indicator as r on r.soort = b.soort and r.bron_kolom = s.stem
where b.bron_id not in (
    -- an online RIVM edition when a file of the same edition (soort and year) is in the store:
    -- the file wins, never both (a RIVM file covers all of NL, as the online table does)
    select o.bron_id
    from bron as o
    inner join bron as f on f.soort = o.soort and f.jaar = o.jaar
    where o.soort like 'rivm%' and o.url is not null and f.url is null
)
