-- grain: one row per ingested source file or online table (provenance as recorded at ingest)
select
    bron_id,
    soort,
    tabel_id,
    jaar,
    coalesce(bestand, url) as bestand_of_url,
    rijen,
    sha256,
    ingested_at,
    licentie,
    attributie,
    opmerking,
    opgehaald_op,
    bron_gewijzigd_op
from bron
