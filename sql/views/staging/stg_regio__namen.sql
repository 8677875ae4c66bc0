-- grain: one row per regio_code x jaar with a published name (from geometries and CBS tables)
select
    trim(regio_code) as regio_code,
    jaar,
    max(trim(regio_naam)) as regio_naam
from raw_regio
where regio_naam is not null and trim(regio_naam) <> ''
group by trim(regio_code), jaar
