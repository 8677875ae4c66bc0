-- grain: one row per Vektis source row; the mart view itself, not a copy (see mart_vektis_kosten)
select * from mart_vektis_kosten
