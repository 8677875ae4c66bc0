-- lasten per gemeente x taakveld with the gemeente's classes, for comparing similar gemeenten
select t.gemeente_code, t.gemeente_naam, t.taakveld_code, t.lasten_eur,
       g.waarde as gemeentegrootte, s.waarde as stedelijkheid
from mart_iv3_taakveld_mat as t
left join mart_gemeenteklasse_mat as g
    on g.gemeente_code = t.gemeente_code and g.kenmerk = 'gemeentegrootte'
left join mart_gemeenteklasse_mat as s
    on s.gemeente_code = t.gemeente_code and s.kenmerk = 'stedelijkheid'
where t.jaar = :jaar and t.stuk = :stuk and t.gemeente_code is not null
