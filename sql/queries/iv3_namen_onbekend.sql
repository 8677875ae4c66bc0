-- gemeente names from Iv3, gemeentefonds and class files without a GM code (never dropped)
select soort, naam, jaar_indeling, bron_id
from mart_iv3_namen_onbekend_mat
order by soort, jaar_indeling, naam
