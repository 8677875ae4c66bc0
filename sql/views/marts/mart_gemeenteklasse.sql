-- grain: one row per gemeente x jaar x kenmerk (gemeentegrootte, stedelijkheid, ...)
select
    gemeente_code,
    gemeente_naam,
    naam_status,
    jaar,
    kenmerk,
    waarde,
    bron_id
from stg_gemeenteklasse
