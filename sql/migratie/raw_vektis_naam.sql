-- one-off: the gemeente names of a raw_vektis_kosten table of an earlier version, numbered
-- from 1; id 0 holds no name (NULL), for the rows without one
insert into raw_vektis_naam (naam_id, gemeentenaam)
select row_number() over (order by gemeentenaam), gemeentenaam
from (
    select distinct gemeentenaam from raw_vektis_kosten_oud where gemeentenaam is not null
) as d
union all
select 0, null where exists (select 1 from raw_vektis_kosten_oud where gemeentenaam is null)
