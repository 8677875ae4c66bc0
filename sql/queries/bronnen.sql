select * from mart_bronnen_mat order by soort, jaar, bron_id
