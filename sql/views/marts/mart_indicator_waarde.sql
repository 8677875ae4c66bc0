-- grain: one row per regio x jaar x indicator: the value only; label, unit, method, theme and
-- source are stored once per series (mart_indicator_reeks), names once per regio x jaar
-- (mart_regio_naam); the view mart_indicator_mat (sql/views/lezen) joins them for the pages
select
    i.regio_code,
    i.jaar,
    i.reeks_id,
    i.gemeente_code,
    i.niveau,
    i.waarde
from int_indicator__waarden as i
