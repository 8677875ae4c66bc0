-- grain: one row per CBS Budgetonderzoek source row (spending category x characteristic x year)
-- units: euro per household per year (converted from the published x1000 euro at ingest)
select
    u.bron_id,
    u.tabel_id,
    u.jaar,
    trim(u.bestedingscategorie) as bestedingscategorie,
    trim(u.kenmerk) as kenmerk,
    u.bedrag_eur,
    b.attributie
from raw_budget as u
inner join bron as b on b.bron_id = u.bron_id
