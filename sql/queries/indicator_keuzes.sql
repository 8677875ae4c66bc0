-- indicators present for a gemeente, level and year
select indicator, max(label) as label, max(eenheid) as eenheid, max(thema) as thema,
       max(methode) as methode, count(waarde) as met_waarde, count(*) as regio_aantal
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau and jaar = :jaar
group by indicator
order by thema, label
