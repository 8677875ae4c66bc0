select max(ingested_at) as versie from bron
