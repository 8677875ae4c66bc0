-- Vektis Zvw costs per 3-digit postcode x KWB age class x care category of one year
select p.jaar, p.postcode3, p.leeftijdsklasse, p.categorie, p.verzekerdejaren, p.bedrag_eur,
       b.attributie || ', Zvw ' || p.jaar || ' per driecijferige postcode' as bron
from raw_vektis_pc3 as p
inner join bron as b on b.bron_id = p.bron_id
where p.jaar = :jaar
