-- per level, year and indicator of one gemeente: regions with a value, and the regions of that
-- level and year (the coverage behind each page's default year)
with regios as (
    select niveau, jaar, count(distinct regio_code) as regio_aantal
    from mart_indicator_mat
    where gemeente_code = :gemeente_code
    group by niveau, jaar
)
select m.niveau, m.jaar, m.indicator, max(m.label) as label,
       count(distinct m.regio_code) as met_waarde,
       max(r.regio_aantal) as regio_aantal
from mart_indicator_mat m
join regios r on r.niveau = m.niveau and r.jaar = m.jaar
where m.gemeente_code = :gemeente_code and m.waarde is not null
group by m.niveau, m.jaar, m.indicator
order by m.niveau, m.jaar desc, m.indicator
