-- one indicator for every region of a level in a year, all gemeenten (the all-NL map)
select regio_code, regio_naam, niveau, gemeente_code, jaar, indicator, label, bron_kolom, waarde,
       eenheid, methode, bron
from mart_indicator_mat
where niveau = :niveau and jaar = :jaar and indicator = :indicator
order by regio_code
