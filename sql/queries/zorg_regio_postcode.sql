-- most common 4-digit postcode of every wijk or buurt of one gemeente in a KWB year (CBS KWB
-- 'MeestVoorkomendePostcode'): the postcode-to-region relation the PC3 estimate uses
select distinct regio_code, waarde_tekst as postcode
from stg_cbs__waarden
where stem = 'MeestVoorkomendePostcode'
  and jaar = :jaar
  and regio_code like :prefix
  and waarde_tekst is not null
