create index ix_mart_indicator_reeks_ind on mart_indicator_reeks_mat (indicator, jaar)
