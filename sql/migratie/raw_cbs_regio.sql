-- one-off: the region codes of a raw_cbs_waarde table of an earlier version, numbered
insert into raw_cbs_regio (regio_id, regio_code)
select row_number() over (order by regio_code), regio_code
from (select distinct regio_code from raw_cbs_waarde_oud) as d
