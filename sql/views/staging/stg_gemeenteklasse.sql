-- grain: one row per class source x gemeente name x kenmerk, with the crosswalk code;
-- CBS publishes size and urbanity without spaces ('20000tot50000inwoners',
-- 'Zeersterkstedelijk'): made readable here, the raw text stays as published
select
    k.bron_id,
    k.jaar,
    k.gemeente_naam,
    n.gemeente_code,
    coalesce(n.status, 'onbekend') as naam_status,
    k.kenmerk,
    case
        when k.kenmerk = 'gemeentegrootte' and k.waarde not like '% %'
            then replace(replace(replace(replace(
                k.waarde, 'tot', ' tot '), 'inwonersofmeer', ' inwoners of meer'),
                'Minderdan', 'Minder dan '), '0inwoners', '0 inwoners')
        when k.kenmerk = 'stedelijkheid' and k.waarde not like '% %'
            then replace(replace(k.waarde, 'stedelijk', ' stedelijk'), 'Zeersterk', 'Zeer sterk')
        else k.waarde
    end as waarde
from raw_gemeenteklasse as k
left join ref_gemeentenaam as n
    on n.naam = k.gemeente_naam and n.jaar_indeling = k.jaar
