-- household energy prices (all periods and components)
select tabel_id, jaar, periode, drager, component, eenheid, waarde, bron
from mart_energie_tarief_mat
order by tabel_id, jaar, periode
