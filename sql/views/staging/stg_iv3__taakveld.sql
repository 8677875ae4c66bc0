-- grain: one row per Iv3 source x gemeente name x taakveld (as published, amounts -> euro)
-- units: *_eur = published thousands of euros x 1000; taakveld_code stays text ("0.10" <> "0.1")
select
    i.bron_id,
    i.jaar,
    i.stuk,
    i.gemeente_naam,
    n.gemeente_code,
    coalesce(n.status, 'onbekend') as naam_status,
    i.taakveld_code,
    i.taakveld_naam,
    cast(i.lasten_keur as double precision) * 1000 as lasten_eur,
    cast(i.baten_keur as double precision) * 1000 as baten_eur,
    cast(i.salarissen_keur as double precision) * 1000 as salarissen_eur
from raw_iv3 as i
left join ref_gemeentenaam as n
    on n.naam = i.gemeente_naam and n.jaar_indeling = i.jaar
