-- size and urbanity class of every gemeente (for "gemeenten van dezelfde klasse" on Vergelijk)
select gemeente_code, gemeente_naam, jaar, kenmerk, waarde
from mart_gemeenteklasse_mat
where gemeente_code is not null and kenmerk in ('gemeentegrootte', 'stedelijkheid')
order by gemeente_code, jaar
