-- grain: one row per Vektis source row (gemeente or national x sex x age class x cost item)
-- gemeente_code via the name crosswalk (see stg_vektis__kosten); never dropped.
-- Not copied into a table (sql/views/lezen/mart_vektis_kosten_mat.sql reads this view): the
-- rows are the raw rows plus a code from the small crosswalk and the source text, so a copy
-- would only double the store (about 80 MB per Vektis year at national size); a gemeente's
-- rows come through ref_gemeentenaam and the raw name index.
select
    v.jaar,
    v.jaar_indeling,
    v.gebied,
    v.gemeentenaam,
    v.gemeente_code,
    v.koppeling,
    v.geslacht,
    v.leeftijdsklasse,
    v.kostenpost,
    v.verzekerdejaren,
    v.bedrag_eur,
    v.verwacht_eur,
    v.bron_id,
    v.attributie || ', Zvw ' || v.jaar || ' (gemeente-indeling ' || v.jaar_indeling || ')' as bron
from stg_vektis__kosten as v
