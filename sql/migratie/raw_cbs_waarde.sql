-- one-off: the cells of a raw_cbs_waarde table of the first (wide) shape, keyed by series and
-- region id
insert into raw_cbs_waarde (reeks_id, regio_id, waarde)
select r.reeks_id, g.regio_id, max(o.waarde)
from raw_cbs_waarde_oud as o
inner join raw_cbs_reeks as r
    on r.bron_id = o.bron_id and r.jaar = o.jaar and r.kolom = o.kolom
inner join raw_cbs_regio as g on g.regio_code = o.regio_code
group by r.reeks_id, g.regio_id
