-- grain: one row per source x gemeente name that the crosswalk could not map to a GM code
-- (Iv3, gemeentefonds, gemeenteklassen); never dropped, shown in the app and the CLI
select distinct
    g.bron_id,
    g.soort,
    g.naam,
    g.jaar_indeling
from stg_gemeentenaam as g
where g.soort in ('iv3', 'gemeentefonds', 'gemeenteklasse')
  and g.status = 'onbekend'
