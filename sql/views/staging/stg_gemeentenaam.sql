-- grain: one row per source x gemeente name x indeling year, with the crosswalk's code and
-- status ('onbekend' when the name could not be mapped to a GM code)
select distinct
    r.bron_id,
    b.soort,
    r.naam,
    r.jaar_indeling,
    n.gemeente_code,
    coalesce(n.status, 'onbekend') as status
from raw_gemeentenaam as r
inner join bron as b on b.bron_id = r.bron_id
left join ref_gemeentenaam as n
    on n.naam = r.naam and n.jaar_indeling = r.jaar_indeling
