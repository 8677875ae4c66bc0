-- grain: one row per gemeente x jaar x stuk x taakveld (euro); unmatched names keep a NULL code
select
    s.gemeente_code,
    s.gemeente_naam,
    s.naam_status,
    s.jaar,
    s.stuk,
    s.taakveld_code,
    s.taakveld_naam,
    s.lasten_eur,
    s.baten_eur,
    s.salarissen_eur,
    'CBS Iv3 ' || s.stuk || ' ' || s.jaar || ' (' || s.bron_id || ')' as bron
from stg_iv3__taakveld as s
