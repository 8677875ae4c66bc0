-- grain: one row per source x gemeente name that the crosswalk could not map to a GM code
-- (Iv3, gemeentefonds, gemeenteklassen); never dropped, shown in the app and the CLI
select distinct
    r.bron_id,
    b.soort,
    r.naam,
    r.jaar_indeling
from raw_gemeentenaam as r
inner join bron as b on b.bron_id = r.bron_id
left join ref_gemeentenaam as n
    on n.naam = r.naam and n.jaar_indeling = r.jaar_indeling
where b.soort in ('iv3', 'gemeentefonds', 'gemeenteklasse')
  and (n.status is null or n.status = 'onbekend')
