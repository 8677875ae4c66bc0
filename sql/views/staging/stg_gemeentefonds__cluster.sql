-- grain: one row per circulaire x gemeente name x cluster (euro), with the crosswalk code
select
    g.bron_id,
    g.circulaire,
    g.uitkeringsjaar,
    g.gemeente_naam,
    n.gemeente_code,
    coalesce(n.status, 'onbekend') as naam_status,
    g.cluster,
    cast(g.bedrag_eur as double precision) as bedrag_eur
from raw_gemeentefonds as g
left join ref_gemeentenaam as n
    on n.naam = g.gemeente_naam and n.jaar_indeling = g.uitkeringsjaar
