"""Raw tables: sources as published (text values), plus the provenance table ``bron``.

Cleaning happens in the views under ``sql/views``; these tables are never edited in place.
CBS tables are stored long (one row per region x published column) so that the yearly
column suffixes (``AantalInwoners_5``) need no schema change; values stay the published text.
What repeats per row at national size (source, year, column key) is stored once
(``raw_cbs_reeks``) and referred to by an integer id.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

bron = Table(
    "bron",
    metadata,
    Column("bron_id", String(200), primary_key=True),
    Column("soort", String(50), nullable=False),
    Column("tabel_id", String(50)),
    Column("jaar", Integer),
    Column("bestand", Text),
    Column("url", Text),
    Column("rijen", Integer),
    Column("sha256", String(64)),
    Column("ingested_at", String(40)),
    Column("licentie", Text),
    Column("attributie", Text),
    Column("opmerking", Text),
    Column("opgehaald_op", String(40)),
    Column("bron_gewijzigd_op", String(40)),
)
"""Provenance per source. ``opgehaald_op``/``bron_gewijzigd_op``: for online sources, when the
cached copy was fetched and when the publisher last modified the table (CBS TableInfos)."""

raw_cbs_reeks = Table(
    "raw_cbs_reeks",
    metadata,
    Column("reeks_id", Integer, primary_key=True, autoincrement=False),
    Column("bron_id", String(200), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("kolom", String(200), nullable=False),
    Index("ix_raw_cbs_reeks_bron", "bron_id", "kolom"),
)
"""One published CBS column of one source and year (a series): the text that would otherwise
repeat on every value row (source, year, column key) is stored once, under an integer id."""

raw_cbs_regio = Table(
    "raw_cbs_regio",
    metadata,
    Column("regio_id", Integer, primary_key=True, autoincrement=False),
    Column("regio_code", String(40), nullable=False, unique=True),
)
"""Every region code as a CBS source published it (padded or not), once, under an integer id."""

raw_cbs_waarde = Table(
    "raw_cbs_waarde",
    metadata,
    Column("reeks_id", Integer, nullable=False),
    Column("regio_id", Integer, nullable=False),
    Column("waarde", Text),
    PrimaryKeyConstraint("reeks_id", "regio_id", name="pk_raw_cbs_waarde"),
    sqlite_with_rowid=False,
)
"""One published cell: series x region, the value as published text. Sources deliver long
rows ``bron_id, jaar, regio_code, kolom, waarde``; the ingest stores the series once in
``raw_cbs_reeks``, the region codes once in ``raw_cbs_regio`` and the cells here, clustered
on the composite key (no rowid, no extra index); ``stg_cbs__waarden`` joins them back."""

raw_cbs_kolom = Table(
    "raw_cbs_kolom",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("kolom", String(200), nullable=False),
    Column("stem", String(200), nullable=False),
    Column("titel", Text),
    Column("eenheid", Text),
    Column("is_numeriek", Integer, nullable=False),
)

raw_regio = Table(
    "raw_regio",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("regio_code", String(40), nullable=False),
    Column("regio_naam", Text),
    Column("gemeente_code", String(40)),
    Column("gemeente_naam", Text),
    Index("ix_raw_regio_code", "regio_code", "jaar"),
)

raw_geometrie = Table(
    "raw_geometrie",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("niveau", String(10), nullable=False),
    Column("regio_code", String(40), nullable=False),
    Column("gemeente_code", String(40)),
    Column("geometrie_geojson", Text, nullable=False),
    Column("lon", Float),
    Column("lat", Float),
    Index("ix_raw_geometrie_gm", "gemeente_code", "niveau", "jaar"),
)


raw_gemeentenaam = Table(
    "raw_gemeentenaam",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("naam", Text, nullable=False),
    Column("jaar_indeling", Integer, nullable=False),
)
"""Gemeente names as a name-only source writes them (Iv3, gemeentefonds, Vektis), with the
indeling year the names refer to; mapped to codes into ``ref_gemeentenaam`` at every ingest."""

ref_gemeentenaam = Table(
    "ref_gemeentenaam",
    metadata,
    Column("naam", Text, nullable=False),
    Column("jaar_indeling", Integer, nullable=False),
    Column("gemeente_code", String(10)),
    Column("referentie_jaar", Integer),
    Column("status", String(20), nullable=False),
)

ref_indicator = Table(
    "ref_indicator",
    metadata,
    Column("soort", String(50), nullable=False),
    Column("bron_kolom", String(200), nullable=False),
    Column("indicator", String(100), nullable=False),
    Column("label", Text, nullable=False),
    Column("eenheid", Text, nullable=False),
    Column("factor", Float, nullable=False),
    Column("thema", String(50), nullable=False),
    Column("methode", String(20), nullable=False),
)

ref_model = Table(
    "ref_model",
    metadata,
    Column("sleutel", String(50), primary_key=True),
    Column("waarde", Text, nullable=False),
)
"""Fingerprint of the code-side model inputs (SQL views, catalogue, name aliases) the reference
tables and views were built from; a changed fingerprint rebuilds them without new files."""

raw_vektis_reeks = Table(
    "raw_vektis_reeks",
    metadata,
    Column("reeks_id", Integer, primary_key=True, autoincrement=False),
    Column("bron_id", String(200), nullable=False),
    Column("jaar", Integer, nullable=False),
    # gemeente indeling the file's names follow (NULL in stores from before: jaar + 2)
    Column("jaar_indeling", Integer),
    Column("gebied", String(20), nullable=False),
    Column("geslacht", String(10)),
    Column("leeftijdsklasse", String(40)),
    Column("kostenpost", String(100), nullable=False),
    Index("ix_raw_vektis_reeks_bron", "bron_id"),
)
"""One Vektis series: source, year, indeling, gebied (``gemeente`` or ``nederland``), sex, age
class and cost item (the source column ``KOSTEN_FARMACIE``, a published category or
``TOTAAL``), stored once under an integer id instead of on every gemeente's row."""

raw_vektis_naam = Table(
    "raw_vektis_naam",
    metadata,
    Column("naam_id", Integer, primary_key=True, autoincrement=False),
    Column("gemeentenaam", Text, unique=True),
)
"""Every gemeente name as a Vektis file writes it, once, under an integer id; id 0 holds no name
(NULL: the national rows and the rest row), so every cell joins a name row (an inner join lets
a gemeente's rows be found from its name)."""

raw_vektis_kosten = Table(
    "raw_vektis_kosten",
    metadata,
    Column("reeks_id", Integer, nullable=False),
    Column("naam_id", Integer, nullable=False),
    Column("verzekerdejaren", Float),
    Column("bedrag_eur", Float),
    Column("verwacht_eur", Float),
    PrimaryKeyConstraint("reeks_id", "naam_id", name="pk_raw_vektis_kosten"),
    sqlite_with_rowid=False,
)
"""Vektis Zvw costs as published: one cell per series x gemeente name. Sources deliver long rows
``bron_id, jaar, jaar_indeling, gebied, gemeentenaam, geslacht, leeftijdsklasse, kostenpost,
verzekerdejaren, bedrag_eur, verwacht_eur``; the ingest stores the series in
``raw_vektis_reeks``, the names in ``raw_vektis_naam`` and the numbers here, clustered on the
composite key, no other index: a gemeente's rows are found per series of its name (key
lookups); ``stg_vektis__kosten`` joins them back."""

raw_vektis_pc3 = Table(
    "raw_vektis_pc3",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("jaar", Integer, nullable=False),
    # NULL: the rest row (cells under 10 persons), kept so nothing is silently dropped
    Column("postcode3", String(3)),
    Column("leeftijdsklasse", String(20), nullable=False),
    Column("categorie", String(100), nullable=False),
    Column("verzekerdejaren", Float),
    Column("bedrag_eur", Float),
    Index("ix_raw_vektis_pc3", "jaar", "postcode3"),
)
"""Vektis Zvw costs per 3-digit postcode, summed at ingest over sex, over the 5-year age
classes within a KWB age class (``0_15`` ... ``65plus``) and over the cost columns of a care
category (:func:`geldstromen.domain.zorg.zorgcategorie`): the grain the buurt estimate uses,
a twentieth of the published rows."""

raw_energieprijs = Table(
    "raw_energieprijs",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("tabel_id", String(20), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("periode", String(60), nullable=False),
    Column("drager", String(20), nullable=False),
    Column("component", String(80), nullable=False),
    Column("eenheid", String(40), nullable=False),
    Column("waarde", Float),
)
"""CBS energy prices for households (81309NED averages, 84672NED monthly tariffs)."""

raw_budget = Table(
    "raw_budget",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("tabel_id", String(20), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("bestedingscategorie", Text, nullable=False),
    Column("kenmerk", Text, nullable=False),
    Column("bedrag_keur", Float),
)
"""CBS Budgetonderzoek spending per household per year as published (x1000 euro);
``stg_budget`` converts to euro. Older stores also have ``bedrag_eur`` (converted at ingest,
no longer written or read; see ``db.VERVANGEN_KOLOMMEN``)."""


raw_iv3 = Table(
    "raw_iv3",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("stuk", String(20), nullable=False),
    Column("gemeente_naam", Text, nullable=False),
    Column("taakveld_code", String(10), nullable=False),
    Column("taakveld_naam", Text),
    Column("lasten_keur", Float),
    Column("baten_keur", Float),
    Column("salarissen_keur", Float),
    Column("gemeente_code", String(10)),
)
"""Iv3 per gemeente x taakveld as published: amounts in thousands of euros, codes as strings.
``gemeente_code``: set by sources keyed by GM code (CBS online); file sources name gemeenten
only and go through the name crosswalk."""

raw_gemeenteklasse = Table(
    "raw_gemeenteklasse",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("gemeente_naam", Text, nullable=False),
    Column("kenmerk", String(50), nullable=False),
    Column("waarde", Text),
)
"""Gemeente classes (grootte, stedelijkheid, centrumfunctie, sociale structuur), long."""

raw_gemeentefonds = Table(
    "raw_gemeentefonds",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("circulaire", String(10), nullable=False),
    Column("uitkeringsjaar", Integer, nullable=False),
    Column("gemeente_naam", Text, nullable=False),
    Column("cluster", Text, nullable=False),
    Column("bedrag_eur", Float),
)
"""Gemeentefonds per cluster (euro) per circulaire (M/S + year) and uitkeringsjaar."""

raw_lokaal = Table(
    "raw_lokaal",
    metadata,
    Column("bron_id", String(200), nullable=False),
    Column("gemeente_code", String(10), nullable=False),
    Column("niveau", String(10), nullable=False),
    Column("jaar", Integer, nullable=False),
    Column("regio_code", String(40), nullable=False),
    Column("indicator", String(100), nullable=False),
    Column("kolom", Text, nullable=False),
    Column("waarde", Float),
    Column("eenheid", String(20), nullable=False),
)
"""A gemeente's own figures ('eigen data'), imported explicitly with ``import-lokaal``."""

#: Tables filled from files in the repo (not sources); reloaded at every ingest.
REF_TABLES = [ref_indicator, ref_gemeentenaam, ref_model]
RAW_TABLES = [t for t in metadata.sorted_tables if t.name != "bron" and t not in REF_TABLES]
