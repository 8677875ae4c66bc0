-- gemeentefonds per cluster (euro) for one gemeente: every circulaire and uitkeringsjaar
select circulaire, uitkeringsjaar, cluster, bedrag_eur, bron
from mart_gemeentefonds_mat
where gemeente_code = :gemeente_code
order by uitkeringsjaar, circulaire, cluster
