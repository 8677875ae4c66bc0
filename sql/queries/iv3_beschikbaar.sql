-- Iv3 years and documents (begroting/jaarrekening) present for one gemeente
select jaar, stuk, count(*) as taakveld_aantal
from mart_iv3_taakveld_mat
where gemeente_code = :gemeente_code
group by jaar, stuk
order by jaar desc, stuk
