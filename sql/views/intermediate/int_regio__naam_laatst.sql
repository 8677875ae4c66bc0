-- grain: one row per regio_code: its name in the latest year that has one
select n.regio_code, max(n.regio_naam) as regio_naam
from stg_regio__namen as n
inner join (
    select regio_code, max(jaar) as jaar from stg_regio__namen group by regio_code
) as m on m.regio_code = n.regio_code and m.jaar = n.jaar
group by n.regio_code
