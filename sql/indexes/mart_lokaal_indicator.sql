create index ix_mart_lokaal_indicator_sel on mart_lokaal_indicator_mat (gemeente_code, niveau, jaar)
