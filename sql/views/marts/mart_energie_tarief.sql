-- grain: one row per price table x period x carrier (aardgas, elektriciteit) x component
-- units: as published (eur_per_gj, eur_per_kwh, eur_per_m3, eur_per_jaar), incl. btw
select
    p.tabel_id,
    p.jaar,
    p.periode,
    p.drager,
    p.component,
    p.eenheid,
    p.waarde,
    p.tabel_id || ' (' || p.periode || '), ' || p.attributie as bron
from stg_energieprijs as p
