-- indicators with values for a gemeente and level, per year (for pairing years)
select indicator, jaar, max(label) as label, max(eenheid) as eenheid, max(methode) as methode,
       max(thema) as thema, count(waarde) as met_waarde
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau
group by indicator, jaar
order by indicator, jaar
