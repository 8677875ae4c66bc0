-- most common 4-digit postcode of every wijk or buurt of one gemeente in a KWB year (CBS KWB
-- 'MeestVoorkomendePostcode'): the postcode-to-region relation the PC3 estimate uses
select distinct trim(w.regio_code) as regio_code, trim(w.waarde) as postcode
from raw_cbs_waarde as w
inner join raw_cbs_kolom as k
    on k.bron_id = w.bron_id and k.kolom = w.kolom
where k.stem = 'MeestVoorkomendePostcode'
  and w.jaar = :jaar
  and w.regio_code like :prefix
