create table mart_indicator_reeks_mat (
    reeks_id integer not null,
    jaar integer not null,
    indicator text not null,
    label text not null,
    bron_kolom text not null,
    eenheid text not null,
    methode text not null,
    thema text not null,
    bron text,
    primary key (reeks_id)
)
