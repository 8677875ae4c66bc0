-- grain: one row per Vektis source row (gemeente or national x sex x age class x cost item)
-- gemeente_code via the name crosswalk (see stg_vektis__kosten); never dropped
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
