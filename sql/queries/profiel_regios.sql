-- every indicator of the given regions (any level) in one year
select regio_code, regio_naam, niveau, gemeente_code, indicator, label, waarde, eenheid, thema,
       methode, bron
from mart_indicator_mat
where regio_code in :regio_codes and jaar = :jaar
order by regio_code, indicator
