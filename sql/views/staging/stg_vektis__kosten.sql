-- grain: one row per Vektis source row (gemeente or national x sex x age class x cost item)
-- gemeente_code via the name crosswalk, on the gemeente indeling each file states
-- (raw jaar_indeling; NULL in stores from before it existed: jaar + 2);
-- unmatched names keep a NULL code and status 'onbekend' (never dropped)
select
    v.bron_id,
    v.jaar,
    coalesce(v.jaar_indeling, v.jaar + 2) as jaar_indeling,
    v.gebied,
    v.gemeentenaam,
    r.gemeente_code,
    coalesce(r.status, case when v.gebied = 'gemeente' then 'onbekend' end) as koppeling,
    v.geslacht,
    v.leeftijdsklasse,
    v.kostenpost,
    v.verzekerdejaren,
    v.bedrag_eur,
    v.verwacht_eur,
    b.attributie
from raw_vektis_kosten as v
inner join bron as b on b.bron_id = v.bron_id
left join ref_gemeentenaam as r
    on r.naam = v.gemeentenaam and r.jaar_indeling = coalesce(v.jaar_indeling, v.jaar + 2)
