-- grain: one row per regio_code x jaar with indicator values and a name to show that year
-- (the rule of int_regio__naam; regions without such a name are absent)
select regio_code, jaar, regio_naam
from int_regio__naam
