-- grain: one row per ingested source (the Bronnen page)
select
    bron_id,
    soort,
    tabel_id,
    jaar,
    bestand_of_url,
    rijen,
    sha256,
    ingested_at,
    licentie,
    attributie,
    opmerking,
    opgehaald_op,
    bron_gewijzigd_op
from stg_bron
