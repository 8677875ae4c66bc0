-- class features (gemeentegrootte, stedelijkheid, centrumfunctie, sociale_structuur, provincie)
-- per gemeente, newest class file first
select gemeente_code, kenmerk, waarde, jaar
from mart_gemeenteklasse_mat
where gemeente_code is not null and waarde is not null and kenmerk <> 'inwonertal'
order by gemeente_code, kenmerk, jaar desc
