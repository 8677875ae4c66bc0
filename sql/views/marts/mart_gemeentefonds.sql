-- grain: one row per gemeente x circulaire x cluster (euro; uitkeringsjaar = second year)
select
    gemeente_code,
    gemeente_naam,
    naam_status,
    circulaire,
    uitkeringsjaar,
    cluster,
    bedrag_eur,
    'BZK gemeentefonds ' || circulaire || ', uitkeringsjaar ' || uitkeringsjaar as bron
from stg_gemeentefonds__cluster
