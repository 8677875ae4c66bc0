-- grain: one row per class source x gemeente name x kenmerk, with the crosswalk code
select
    k.bron_id,
    k.jaar,
    k.gemeente_naam,
    n.gemeente_code,
    coalesce(n.status, 'onbekend') as naam_status,
    k.kenmerk,
    k.waarde
from raw_gemeenteklasse as k
left join ref_gemeentenaam as n
    on n.naam = k.gemeente_naam and n.jaar_indeling = k.jaar
