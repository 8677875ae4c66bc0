create table mart_regio_naam_mat (
    regio_code text not null,
    jaar integer not null,
    regio_naam text,
    primary key (regio_code, jaar)
)
