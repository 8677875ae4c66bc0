-- key indicator values of every region of a level in a gemeente, all years (allocation keys)
select regio_code, regio_naam, jaar, indicator, waarde
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau and indicator in :indicatoren
order by jaar, regio_code
