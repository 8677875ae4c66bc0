-- class features (gemeentegrootte, stedelijkheid, centrumfunctie, sociale_structuur, ...) per gemeente
select gemeente_code, kenmerk, waarde
from mart_gemeenteklasse_mat
where gemeente_code is not null and waarde is not null
