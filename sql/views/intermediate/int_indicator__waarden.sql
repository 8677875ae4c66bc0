-- grain: one row per regio x jaar x indicator (catalogue: geldstromen/domain/indicatoren.csv)
-- units: waarde in the catalogue unit (published value x factor, e.g. x1000 euro -> euro)
-- one value per regio x jaar x indicator: where a file (bron.url null) and an online table
-- both hold a region's indicator of a year, the file's row is used (the user's own choice,
-- also when the file's cell is missing), the online row elsewhere. A KWB file often covers
-- one gemeente while the online table covers NL, so this is decided per region, not per
-- source; the series (mart_indicator_reeks.bron) says which source a value came from.
with bestand as (
    select distinct fs.jaar, fs.regio_code, fr.indicator
    from stg_cbs__waarden as fs
    inner join bron as fb on fb.bron_id = fs.bron_id
    inner join ref_indicator as fr on fr.soort = fb.soort and fr.bron_kolom = fs.stem
    where fb.url is null and fs.jaar in (
        -- only years an online table holds (a store of files only skips this step)
        select o.jaar
        from raw_cbs_reeks as o
        inner join bron as ob on ob.bron_id = o.bron_id
        where ob.url is not null
    )
)
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
left join bestand as f
    on b.url is not null
    and f.jaar = s.jaar and f.regio_code = s.regio_code and f.indicator = r.indicator
where f.jaar is null and b.bron_id not in (
    -- an online RIVM edition when a file of the same edition (soort and year) is in the store:
    -- the file wins, never both (a RIVM file covers all of NL, as the online table does)
    select o.bron_id
    from bron as o
    inner join bron as f on f.soort = o.soort and f.jaar = o.jaar
    where o.soort like 'rivm%' and o.url is not null and f.url is null
)
