create index ix_mart_vektis_kosten_gm on mart_vektis_kosten_mat (gemeente_code, jaar)
