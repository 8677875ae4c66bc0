-- grain: one row per series (source x year x published column) that is a catalogue indicator:
-- what every value of that series shares (the same joins as int_indicator__waarden)
select
    r.reeks_id,
    r.jaar,
    ri.indicator,
    ri.label,
    k.stem as bron_kolom,
    ri.eenheid,
    ri.methode,
    ri.thema,
    -- which source: a file by its name, an online table as online (int_indicator__waarden
    -- takes a region's value from one of them)
    b.tabel_id || ' (' || r.jaar || '), ' || b.attributie
    || case when b.url is not null then ', online' else ', bestand ' || b.bestand end as bron
from raw_cbs_reeks as r
inner join raw_cbs_kolom as k on k.bron_id = r.bron_id and k.kolom = r.kolom
inner join bron as b on b.bron_id = r.bron_id
inner join ref_indicator as ri on ri.soort = b.soort and ri.bron_kolom = k.stem
