-- which catalogue stems each source of a year publishes (to tell "not published" from "empty")
select distinct b.soort, b.jaar, b.bron_id, k.stem
from raw_cbs_kolom as k
inner join bron as b on b.bron_id = k.bron_id
where b.jaar is not null
