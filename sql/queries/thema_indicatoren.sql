-- chosen indicators of every region of a level in one gemeente, every year (long)
select regio_code, regio_naam, jaar, indicator, label, waarde, eenheid, methode, bron
from mart_indicator_mat
where gemeente_code = :gemeente_code and niveau = :niveau and indicator in :indicatoren
