-- one-off: the cells of a raw_vektis_kosten table of an earlier version, keyed by series and
-- name id (the optional columns compared through a marker: NULL never equals NULL)
insert into raw_vektis_kosten (reeks_id, naam_id, verzekerdejaren, bedrag_eur, verwacht_eur)
select
    r.reeks_id,
    coalesce(n.naam_id, 0),
    max(o.verzekerdejaren),
    max(o.bedrag_eur),
    max(o.verwacht_eur)
from raw_vektis_kosten_oud as o
inner join raw_vektis_reeks as r
    on r.bron_id = o.bron_id
    and r.jaar = o.jaar
    and coalesce(r.jaar_indeling, -1) = coalesce(o.jaar_indeling, -1)
    and r.gebied = o.gebied
    and coalesce(r.geslacht, '\0') = coalesce(o.geslacht, '\0')
    and coalesce(r.leeftijdsklasse, '\0') = coalesce(o.leeftijdsklasse, '\0')
    and r.kostenpost = o.kostenpost
left join raw_vektis_naam as n on n.gemeentenaam = o.gemeentenaam
group by r.reeks_id, coalesce(n.naam_id, 0)
