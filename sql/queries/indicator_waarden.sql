-- one indicator for all regions of a level in a gemeente and year
select regio_code, regio_naam, niveau, jaar, indicator, label, bron_kolom, waarde, eenheid,
       methode, bron
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau and jaar = :jaar
  and indicator = :indicator
order by regio_code
