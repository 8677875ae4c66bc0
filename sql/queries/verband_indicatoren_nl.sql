-- chosen indicators for every region of a level in all gemeenten, one year (long)
select regio_code, regio_naam, niveau, gemeente_code, jaar, indicator, label, waarde, eenheid,
       methode, bron
from mart_indicator_mat
where niveau = :niveau and jaar = :jaar and indicator in :indicatoren
