-- a gemeente's own imported figures ('eigen data') for a level and year
select regio_code, regio_naam, niveau, jaar, indicator, label, waarde, eenheid, herkomst, bron
from mart_lokaal_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau and jaar = :jaar
order by indicator, regio_code
