-- which levels and years have indicators for one gemeente
select niveau, jaar, count(distinct regio_code) as regio_aantal, count(distinct indicator) as indicator_aantal
from mart_indicator_mat
where gemeente_code = :gemeente_code
group by niveau, jaar
order by jaar desc, niveau
