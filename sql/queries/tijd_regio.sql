-- every indicator of one region code in every year (exact code only, never a successor code)
select jaar, indicator, label, waarde, eenheid, thema, methode, bron, regio_naam
from mart_indicator_mat
where regio_code = :regio_code
order by indicator, jaar
