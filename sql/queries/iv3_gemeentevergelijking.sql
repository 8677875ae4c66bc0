-- lasten per gemeente x taakveld, for comparing similar gemeenten (classes: gemeenteklasse_kenmerken)
select t.gemeente_code, t.gemeente_naam, t.taakveld_code, t.lasten_eur
from mart_iv3_taakveld_mat as t
where t.jaar = :jaar and t.stuk = :stuk and t.gemeente_code is not null
