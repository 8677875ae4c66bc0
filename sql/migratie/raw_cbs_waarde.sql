-- one-off: the cells of a raw_cbs_waarde table of an earlier version, keyed by series and region
insert into raw_cbs_waarde (reeks_id, regio_code, waarde)
select r.reeks_id, o.regio_code, max(o.waarde)
from raw_cbs_waarde_oud as o
inner join raw_cbs_reeks as r
    on r.bron_id = o.bron_id and r.jaar = o.jaar and r.kolom = o.kolom
group by r.reeks_id, o.regio_code
