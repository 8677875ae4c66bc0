-- grain: one row per spending category x household characteristic x year
-- units: euro per household per year (published x1000 euro)
select
    u.jaar,
    u.bestedingscategorie,
    u.kenmerk,
    u.bedrag_eur,
    u.tabel_id || ' (' || u.jaar || '), ' || u.attributie as bron
from stg_budget as u
