-- one-off: the series of a raw_cbs_waarde table of an earlier version (source, year and column
-- on every row), numbered
insert into raw_cbs_reeks (reeks_id, bron_id, jaar, kolom)
select row_number() over (order by bron_id, jaar, kolom), bron_id, jaar, kolom
from (select distinct bron_id, jaar, kolom from raw_cbs_waarde_oud) as d
