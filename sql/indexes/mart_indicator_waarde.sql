create index ix_mart_indicator_waarde_sel
    on mart_indicator_waarde_mat (gemeente_code, niveau, jaar, reeks_id)
