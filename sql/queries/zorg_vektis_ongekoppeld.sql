-- Vektis gemeente names that the crosswalk could not map to a code
select distinct jaar, jaar_indeling, gemeentenaam, bron_id
from mart_vektis_kosten_mat
where gebied = 'gemeente' and gemeentenaam is not null and gemeente_code is null
order by jaar, gemeentenaam
