-- one-off: the cells of a raw_cbs_waarde table of the second shape (series id, region code),
-- keyed by series and region id
insert into raw_cbs_waarde (reeks_id, regio_id, waarde)
select o.reeks_id, g.regio_id, o.waarde
from raw_cbs_waarde_oud as o
inner join raw_cbs_regio as g on g.regio_code = o.regio_code
