-- grain: one row per price table x period x carrier x component, as published (incl. btw)
select
    p.bron_id,
    p.tabel_id,
    p.jaar,
    p.periode,
    p.drager,
    p.component,
    p.eenheid,
    p.waarde,
    b.attributie
from raw_energieprijs as p
inner join bron as b on b.bron_id = p.bron_id
