-- Vektis rows of one gemeente (all years) plus the national reference rows
select jaar, jaar_indeling, gebied, gemeentenaam, gemeente_code, geslacht, leeftijdsklasse,
       kostenpost, verzekerdejaren, bedrag_eur, verwacht_eur, bron
from mart_vektis_kosten_mat
where gemeente_code = :gemeente_code or gebied = 'nederland'
