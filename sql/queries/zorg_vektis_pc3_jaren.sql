-- years with Vektis Zvw costs per 3-digit postcode
select distinct jaar from raw_vektis_pc3 order by jaar
