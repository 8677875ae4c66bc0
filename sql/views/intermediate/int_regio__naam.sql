-- grain: one row per regio_code x jaar that has indicator values: the name to show that year
-- Rule (docs/methods.md, "Namen van gebieden"): the name published for the same year; else the
-- name of the nearest year Y' in which the code provably denotes the same area, i.e. the code
-- has the same total or land area (oppervlakte_totaal_ha or oppervlakte_land_ha, both years
-- the same measure, within 20 % of the larger or 2 ha) in Y' and
-- in a year Z on the other side of (or equal to) the shown year. 20 %: beach nourishment and
-- water-line corrections change a coastal buurt's area by up to 17 % (Den Haag, Kijkduin 118 ->
-- 133 ha, 2015 -> 2019) without making it another area; a code CBS re-used for another area
-- differs by a factor (Amsterdam WK036300: Stadsdeel Centrum, 804 ha in 2015; a wijk of 40 ha
-- in 2019). Such a code gets no borrowed name: pages show 'naam onbekend' with the code. Gemeente codes
-- denote one gemeente (CBS never re-uses them; after a merger the area changes, not the
-- gemeente), so a gemeente takes the name of its nearest year.
with opp as (
    select regio_code, jaar, indicator, max(waarde) as ha
    from int_indicator__waarden
    where indicator in ('oppervlakte_totaal_ha', 'oppervlakte_land_ha') and waarde is not null
    group by regio_code, jaar, indicator
),
zelfde_gebied as (
    select distinct a.regio_code, a.jaar as jaar_a, b.jaar as jaar_b
    from opp as a
    inner join opp as b on b.regio_code = a.regio_code and b.indicator = a.indicator
    where abs(a.ha - b.ha) <= 2
        or abs(a.ha - b.ha) <= 0.2 * (case when a.ha > b.ha then a.ha else b.ha end)
),
getoond as (
    select distinct regio_code, jaar from int_indicator__waarden
),
kandidaat as (
    select
        g.regio_code,
        g.jaar,
        n.jaar as naam_jaar,
        n.regio_naam,
        abs(n.jaar - g.jaar) as afstand
    from getoond as g
    inner join stg_regio__namen as n on n.regio_code = g.regio_code
    where n.jaar = g.jaar
        or substr(g.regio_code, 1, 2) = 'GM'
        or exists (
            select 1
            from zelfde_gebied as z
            where z.regio_code = g.regio_code
                and z.jaar_a = n.jaar
                and (
                    (n.jaar <= g.jaar and z.jaar_b >= g.jaar)
                    or (n.jaar >= g.jaar and z.jaar_b <= g.jaar)
                )
        )
),
naast as (
    select regio_code, jaar, min(afstand) as afstand
    from kandidaat
    group by regio_code, jaar
),
beste as (  -- nearest year; of two equally near years the later one
    select k.regio_code, k.jaar, max(k.naam_jaar) as naam_jaar
    from kandidaat as k
    inner join naast as a
        on a.regio_code = k.regio_code and a.jaar = k.jaar and a.afstand = k.afstand
    group by k.regio_code, k.jaar
)
select k.regio_code, k.jaar, max(k.regio_naam) as regio_naam, b.naam_jaar
from kandidaat as k
inner join beste as b
    on b.regio_code = k.regio_code and b.jaar = k.jaar and b.naam_jaar = k.naam_jaar
group by k.regio_code, k.jaar, b.naam_jaar
