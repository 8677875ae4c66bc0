-- whether any PC4 postcode polygon is stored (one row when there is)
select regio_code
from stg_geometrie
where niveau = :niveau
limit 1
