-- one-off: the series of a raw_vektis_kosten table of an earlier version (source, year,
-- indeling, gebied, sex, age class and cost item on every row), numbered
insert into raw_vektis_reeks (
    reeks_id, bron_id, jaar, jaar_indeling, gebied, geslacht, leeftijdsklasse, kostenpost
)
select
    row_number() over (
        order by bron_id, jaar, jaar_indeling, gebied, geslacht, leeftijdsklasse, kostenpost
    ),
    bron_id, jaar, jaar_indeling, gebied, geslacht, leeftijdsklasse, kostenpost
from (
    select distinct bron_id, jaar, jaar_indeling, gebied, geslacht, leeftijdsklasse, kostenpost
    from raw_vektis_kosten_oud
) as d
