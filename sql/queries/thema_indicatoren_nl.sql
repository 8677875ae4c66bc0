-- chosen indicators of every region of a level in all gemeenten, chosen years (long)
select regio_code, regio_naam, jaar, indicator, label, waarde, eenheid, methode, bron
from mart_indicator_mat
where niveau = :niveau and jaar in :jaren and indicator in :indicatoren
