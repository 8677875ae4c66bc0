-- grain: one row per Vektis source row (gemeente or national x sex x age class x cost item)
-- the stored series (raw_vektis_reeks), names (raw_vektis_naam, id 0: NULL, no name) and cells
-- (raw_vektis_kosten) joined back into the rows the source delivered;
-- gemeente_code via the name crosswalk, on the gemeente indeling each file states
-- (raw jaar_indeling; NULL in stores from before it existed: jaar + 2);
-- unmatched names keep a NULL code and status 'onbekend' (never dropped)
select
    s.bron_id,
    s.jaar,
    coalesce(s.jaar_indeling, s.jaar + 2) as jaar_indeling,
    s.gebied,
    n.gemeentenaam,
    r.gemeente_code,
    coalesce(r.status, case when s.gebied = 'gemeente' then 'onbekend' end) as koppeling,
    s.geslacht,
    s.leeftijdsklasse,
    s.kostenpost,
    v.verzekerdejaren,
    v.bedrag_eur,
    v.verwacht_eur,
    b.attributie
from raw_vektis_kosten as v
inner join raw_vektis_reeks as s on s.reeks_id = v.reeks_id
inner join raw_vektis_naam as n on n.naam_id = v.naam_id
inner join bron as b on b.bron_id = s.bron_id
left join ref_gemeentenaam as r
    on r.naam = n.gemeentenaam and r.jaar_indeling = coalesce(s.jaar_indeling, s.jaar + 2)
