-- grain: one row per Iv3 source x gemeente x taakveld (as published, amounts -> euro)
-- units: *_eur = published thousands of euros x 1000; taakveld_code stays text ("0.10" <> "0.1")
-- code: sources keyed by GM code (CBS online) carry it (naam_status 'code'); file sources name
-- gemeenten only and are mapped through ref_gemeentenaam. When a file source and the online
-- source both hold a year x stuk, the file (the user's own choice) is used, never both.
with bestand as (
    select distinct jaar, stuk from raw_iv3 where gemeente_code is null
)
select
    i.bron_id,
    i.jaar,
    i.stuk,
    i.gemeente_naam,
    coalesce(i.gemeente_code, n.gemeente_code) as gemeente_code,
    case
        when i.gemeente_code is not null then 'code'
        else coalesce(n.status, 'onbekend')
    end as naam_status,
    i.taakveld_code,
    i.taakveld_naam,
    cast(i.lasten_keur as double precision) * 1000 as lasten_eur,
    cast(i.baten_keur as double precision) * 1000 as baten_eur,
    cast(i.salarissen_keur as double precision) * 1000 as salarissen_eur
from raw_iv3 as i
left join ref_gemeentenaam as n
    on i.gemeente_code is null and n.naam = i.gemeente_naam and n.jaar_indeling = i.jaar
left join bestand as f
    on i.gemeente_code is not null and f.jaar = i.jaar and f.stuk = i.stuk
where f.jaar is null
