create table mart_indicator_waarde_mat (
    regio_code text not null,
    jaar integer not null,
    reeks_id integer not null,
    gemeente_code text,
    niveau text,
    waarde double precision,
    primary key (regio_code, jaar, reeks_id)
)
