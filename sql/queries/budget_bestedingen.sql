-- household spending per category and characteristic (Budgetonderzoek)
select jaar, bestedingscategorie, kenmerk, bedrag_eur, bron
from mart_budget_besteding_mat
order by jaar, bestedingscategorie, kenmerk
