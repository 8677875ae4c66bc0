-- one gemeente's taakvelden of a year and document (iv3_taakveld, iv3_beschikbaar)
create index ix_mart_iv3_taakveld_gm on mart_iv3_taakveld_mat (gemeente_code, jaar, stuk)
