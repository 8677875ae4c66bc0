create index ix_mart_indicator_sel on mart_indicator_mat (gemeente_code, niveau, jaar, indicator);
create index ix_mart_indicator_regio on mart_indicator_mat (regio_code, jaar)
