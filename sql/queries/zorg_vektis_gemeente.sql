-- Vektis rows of one gemeente (all years) plus the national reference rows
-- (two selections, so each uses its own index; a row is national or has a gemeente, not both)
select jaar, jaar_indeling, gebied, gemeentenaam, gemeente_code, geslacht, leeftijdsklasse,
       kostenpost, verzekerdejaren, bedrag_eur, verwacht_eur, bron
from mart_vektis_kosten_mat
where gemeente_code = :gemeente_code and gebied <> 'nederland'
union all
select jaar, jaar_indeling, gebied, gemeentenaam, gemeente_code, geslacht, leeftijdsklasse,
       kostenpost, verzekerdejaren, bedrag_eur, verwacht_eur, bron
from mart_vektis_kosten_mat
where gebied = 'nederland'
