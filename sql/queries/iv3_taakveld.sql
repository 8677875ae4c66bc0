-- Iv3 lasten and baten (euro) per taakveld for one gemeente, year and document
select gemeente_code, gemeente_naam, jaar, stuk, taakveld_code, taakveld_naam,
       lasten_eur, baten_eur, bron
from mart_iv3_taakveld_mat
where gemeente_code = :gemeente_code and jaar = :jaar and stuk = :stuk
order by taakveld_code
