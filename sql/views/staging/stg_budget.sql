-- grain: one row per CBS Budgetonderzoek source row (spending category x characteristic x year)
-- units: bedrag_eur = euro per household per year (raw holds the published x1000 euro)
select
    u.bron_id,
    u.tabel_id,
    u.jaar,
    trim(u.bestedingscategorie) as bestedingscategorie,
    trim(u.kenmerk) as kenmerk,
    cast(u.bedrag_keur as double precision) * 1000 as bedrag_eur,
    b.attributie
from raw_budget as u
inner join bron as b on b.bron_id = u.bron_id
