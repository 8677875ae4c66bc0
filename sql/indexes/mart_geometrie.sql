create index ix_mart_geometrie_sel on mart_geometrie_mat (gemeente_code, niveau, jaar);
create index ix_mart_geometrie_nl on mart_geometrie_mat (niveau, jaar)
