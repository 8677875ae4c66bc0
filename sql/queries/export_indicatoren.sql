-- every indicator for every region of a level in a gemeente and year (CLI/CSV export)
select regio_code, regio_naam, niveau, jaar, indicator, bron_kolom, waarde, eenheid, methode, bron,
       label, thema
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau and jaar = :jaar
order by regio_code, indicator
