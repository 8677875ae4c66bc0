-- region x year x indicator of one gemeente with more than one value in the store the pages read
-- (must be none: int_indicator__waarden takes a file's value before an online table's)
select f.regio_code, f.jaar, r.indicator, count(*) as aantal
from mart_indicator_waarde_mat as f
inner join mart_indicator_reeks_mat as r on r.reeks_id = f.reeks_id and r.jaar = f.jaar
where f.gemeente_code = :gemeente_code
group by f.regio_code, f.jaar, r.indicator
having count(*) > 1
order by f.regio_code, f.jaar, r.indicator
