-- every indicator for every region of a level and year in all gemeenten (profile input)
select regio_code, regio_naam, gemeente_code, indicator, label, waarde, eenheid, thema, methode, bron
from mart_indicator_mat
where niveau = :niveau and jaar = :jaar
order by regio_code, indicator
