"""Idempotent, atomic ingest: unchanged files are skipped by checksum, changes land in one
transaction, so a failure or Ctrl-C half-way leaves the previous data fully usable."""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, delete, func, select
from tqdm import tqdm

from data_sources import vektis_indeling
from data_sources.base import Bestand, IngestFout
from geldstromen import db
from geldstromen.domain.catalogus import CATALOGUE, indicator_catalogue
from geldstromen.domain.gemeentenamen import ALIASES_FILE, match_namen
from geldstromen.schema import (
    RAW_TABLES,
    REF_TABLES,
    bron,
    raw_cbs_reeks,
    raw_cbs_regio,
    raw_cbs_waarde,
    raw_gemeentenaam,
    raw_regio,
    raw_vektis_kosten,
    raw_vektis_naam,
    raw_vektis_reeks,
    ref_gemeentenaam,
    ref_indicator,
    ref_model,
)

#: Source modules in ingest order; each has ``vind(data_dir) -> list[Bestand]``.
BRON_MODULES = (
    "data_sources.gemeentecodes",
    "data_sources.cbs_kwb",
    "data_sources.geometrie",
    "data_sources.postcode",
    "data_sources.kwb_2015",
    "data_sources.pdok_wijken_attributen",
    "data_sources.kwb_utrecht_2020",
    "data_sources.rivm",
    "data_sources.vektis",
    "data_sources.energieprijzen",
    "data_sources.budgetonderzoek",
    "data_sources.iv3",
    "data_sources.gemeentefonds",
    "data_sources.gemeenteklassen",
)
_TABLES = {t.name: t for t in RAW_TABLES}
#: Tables a source delivers in another shape than they are stored: ``raw_cbs_waarde`` comes as
#: long rows ``bron_id, jaar, regio_code, kolom, waarde`` and is stored as series + cells
#: (:func:`schrijf_cbs_waarden`); ``raw_cbs_reeks`` is filled by the ingest only. Likewise
#: ``raw_vektis_kosten`` comes as the published rows and is stored as series, names and cells
#: (:func:`schrijf_vektis_kosten`).
_ALLEEN_INGEST = {"raw_cbs_reeks", "raw_cbs_regio", "raw_vektis_reeks", "raw_vektis_naam"}
#: The columns of a Vektis series (``raw_vektis_reeks``) in the rows a source delivers.
_VEKTIS_REEKS = [
    "bron_id",
    "jaar",
    "jaar_indeling",
    "gebied",
    "geslacht",
    "leeftijdsklasse",
    "kostenpost",
]
#: The numbers of a Vektis cell (``raw_vektis_kosten``), stored beside series and name id.
_VEKTIS_CEL = ["verzekerdejaren", "bedrag_eur", "verwacht_eur"]
#: A re-ingest may lose at most this share of a source's stored rows or regions (a larger loss
#: is what a truncated file looks like) unless the user accepts it explicitly.
MAX_KRIMP = 0.10
#: The column naming the region (code or gemeente name) per raw table, for the region count.
REGIO_KOLOM = {
    "raw_cbs_waarde": "regio_code",
    "raw_regio": "regio_code",
    "raw_geometrie": "regio_code",
    "raw_vektis_kosten": "gemeentenaam",
    "raw_vektis_pc3": "postcode3",
    "raw_iv3": "gemeente_naam",
    "raw_gemeentefonds": "gemeente_naam",
    "raw_gemeenteklasse": "gemeente_naam",
    "raw_gemeentenaam": "naam",
    "raw_lokaal": "regio_code",
}


@dataclass
class IngestResultaat:
    """What an ingest did."""

    nieuw: list[str] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    rijen: int = 0
    model_herbouwd: bool = False
    #: Sources that shrank beyond :data:`MAX_KRIMP` and were accepted (``accepteer_krimp``).
    krimp: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Omvang:
    """Rows and distinct regions of one source."""

    rijen: int
    regios: int

    def verlies(self, nieuw: Omvang) -> float:
        """The largest share of rows or regions lost going from ``self`` to ``nieuw``."""
        delen = [
            1 - n / o for o, n in ((self.rijen, nieuw.rijen), (self.regios, nieuw.regios)) if o
        ]
        return max(delen, default=0.0)


def vind_bestanden(data_dir: Path, modules: Iterable[str] = BRON_MODULES) -> list[Bestand]:
    """All source files below ``data_dir`` that the source modules recognise."""
    if not data_dir.is_dir():
        raise IngestFout(f"Gegevensmap bestaat niet: {data_dir}")
    found: list[Bestand] = []
    for name in modules:
        found.extend(importlib.import_module(name).vind(data_dir))
    return found


def _known_checksums(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return {r.bron_id: r.sha256 for r in conn.execute(select(bron.c.bron_id, bron.c.sha256))}


def _read_all(changed: list[Bestand], progress: bool) -> list[tuple[Bestand, dict]]:
    frames = []
    balk = tqdm(changed, desc="Inlezen", unit="bestand", disable=not progress)
    for item in balk:
        balk.set_postfix_str(item.bron_id, refresh=True)
        try:
            tables = item.lees()
        except IngestFout:
            raise
        except Exception as exc:  # a broken file: say which, keep the old data
            raise IngestFout(f"{item.bron_id}: bestand kan niet worden gelezen ({exc})") from exc
        unknown = set(tables) - (set(_TABLES) - _ALLEEN_INGEST)
        if unknown:
            raise IngestFout(f"{item.bron_id}: onbekende tabellen {sorted(unknown)}")
        frames.append((item, tables))
    return frames


def _regios(frame: pd.DataFrame, kolom: str | None) -> set:
    if kolom is None or kolom not in frame.columns:
        return set()
    values = frame[kolom].dropna().astype(str).str.strip()
    return set(values[values != ""])


def omvang_nieuw(tables: dict[str, pd.DataFrame]) -> Omvang:
    """Rows and distinct regions of the tables read from a file."""
    regios: set = set()
    for name, frame in tables.items():
        regios |= _regios(frame, REGIO_KOLOM.get(name))
    return Omvang(sum(len(f) for f in tables.values()), len(regios))


def omvang_opgeslagen(conn, bron_id: str) -> Omvang | None:
    """Rows and distinct regions stored for ``bron_id`` (None when it is not stored)."""
    rijen = conn.execute(select(bron.c.rijen).where(bron.c.bron_id == bron_id)).scalar()
    if rijen is None:
        return None
    regios: set = set()
    for name, kolom in REGIO_KOLOM.items():
        if name == raw_cbs_waarde.name:
            query = (
                select(raw_cbs_regio.c.regio_code)
                .join(raw_cbs_waarde, raw_cbs_waarde.c.regio_id == raw_cbs_regio.c.regio_id)
                .where(col_reeks_van(bron_id))
                .distinct()
            )
        elif name == raw_vektis_kosten.name:
            query = (
                select(raw_vektis_naam.c.gemeentenaam)
                .join(raw_vektis_kosten, raw_vektis_kosten.c.naam_id == raw_vektis_naam.c.naam_id)
                .where(vektis_reeks_van(bron_id))
                .distinct()
            )
        else:
            col = _TABLES[name].c[kolom]
            query = select(col).where(_TABLES[name].c.bron_id == bron_id).distinct()
        regios |= {str(v).strip() for v in conn.execute(query).scalars() if v is not None}
    regios.discard("")
    return Omvang(int(rijen), len(regios))


def controleer_krimp(
    engine: Engine, frames: list[tuple[Bestand, dict]], accepteer: bool
) -> list[str]:
    """Refuse (before anything is written) a re-read source that lost more than
    :data:`MAX_KRIMP` of its stored rows or regions; with ``accepteer`` only report them."""
    meldingen = []
    with engine.connect() as conn:
        for item, tables in frames:
            oud = omvang_opgeslagen(conn, item.bron_id)
            if oud is None:
                continue
            nieuw = omvang_nieuw(tables)
            verlies = oud.verlies(nieuw)
            if verlies > MAX_KRIMP:
                naam = item.pad.name if item.pad else item.bron_id
                meldingen.append(
                    f"{naam}: {nieuw.rijen} rijen en {nieuw.regios} regio's, tegen {oud.rijen} "
                    f"rijen en {oud.regios} regio's nu in de database ({verlies:.0%} minder)"
                )
    if meldingen and not accepteer:
        raise IngestFout(
            "een bron is veel kleiner dan de opgeslagen versie (meer dan "
            f"{MAX_KRIMP:.0%} minder rijen of regio's); is het bestand afgebroken?\n  "
            + "\n  ".join(meldingen)
            + "\nKlopt de kleinere versie toch, geef dan --accepteer-krimp."
        )
    return meldingen


def _bron_row(item: Bestand, rows: int) -> dict:
    return {
        "bron_id": item.bron_id,
        "soort": item.soort,
        "tabel_id": item.tabel_id,
        "jaar": item.jaar,
        "bestand": item.pad.name if item.pad else None,
        "url": item.url,
        "rijen": rows,
        "sha256": item.checksum(),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "licentie": item.licentie,
        "attributie": item.attributie,
        "opmerking": item.opmerking,
        "opgehaald_op": item.opgehaald_op,
        "bron_gewijzigd_op": item.bron_gewijzigd_op,
    }


def ingest(
    engine: Engine,
    bestanden: list[Bestand],
    *,
    progress: bool = False,
    force: bool = False,
    accepteer_krimp: bool = False,
    before_commit: Callable[[], None] | None = None,
) -> IngestResultaat:
    """Load changed files into the raw tables and rebuild the views, all in one transaction.

    A changed file that lost more than :data:`MAX_KRIMP` of the rows or regions stored for it is
    refused before anything is written, unless ``accepteer_krimp``. A second ingest on the
    same store while one runs is refused at once (:func:`geldstromen.db.schrijfslot`).
    """
    try:
        with db.schrijfslot(engine):
            result = _ingest(engine, bestanden, progress, force, accepteer_krimp, before_commit)
            if result.nieuw or result.model_herbouwd:
                db.geef_ruimte_terug(engine)  # the pages of replaced rows and rebuilt marts
            return result
    except db.BezetFout as exc:
        raise IngestFout(str(exc)) from None


def _ingest(engine, bestanden, progress, force, accepteer_krimp, before_commit) -> IngestResultaat:
    with engine.begin() as conn:
        db.create_tables(conn)
    known = {} if force else _known_checksums(engine)
    result = IngestResultaat()
    changed = []
    balk = tqdm(bestanden, desc="Controleren/ophalen", unit="bron", disable=not progress)
    for item in balk:
        balk.set_postfix_str(item.bron_id, refresh=True)  # the source being fetched or checked
        if known.get(item.bron_id) == item.checksum():
            result.overgeslagen.append(item.bron_id)
        else:
            changed.append(item)
    frames = _read_all(changed, progress)
    result.krimp = controleer_krimp(engine, frames, accepteer_krimp)
    with engine.begin() as conn:
        for item, tables in tqdm(frames, desc="Opslaan", unit="bestand", disable=not progress):
            rows = 0
            verwijder_bron(conn, item.bron_id)
            for name, frame in tables.items():
                if name == raw_cbs_waarde.name:
                    rows += schrijf_cbs_waarden(conn, frame, item.bron_id)
                elif name == raw_vektis_kosten.name:
                    rows += schrijf_vektis_kosten(conn, frame, item.bron_id)
                else:
                    rows += db.bulk_insert(conn, _TABLES[name], frame)
            conn.execute(delete(bron).where(bron.c.bron_id == item.bron_id))
            conn.execute(bron.insert().values(**_bron_row(item, rows)))
            result.nieuw.append(item.bron_id)
            result.rijen += rows
        vingerafdruk = model_vingerafdruk()
        if frames or force or not _views_present(conn) or _stored_model(conn) != vingerafdruk:
            load_reference(conn, vingerafdruk)
            result.model_herbouwd = True
            db.apply_views(conn)
            db.materialise_marts(conn)
        if before_commit is not None:
            before_commit()
    return result


def col_reeks_van(bron_id: str):
    """``raw_cbs_waarde`` rows of one source: its series ids."""
    reeksen = select(raw_cbs_reeks.c.reeks_id).where(raw_cbs_reeks.c.bron_id == bron_id)
    return raw_cbs_waarde.c.reeks_id.in_(reeksen)


def vektis_reeks_van(bron_id: str):
    """``raw_vektis_kosten`` rows of one source: its series ids."""
    reeksen = select(raw_vektis_reeks.c.reeks_id).where(raw_vektis_reeks.c.bron_id == bron_id)
    return raw_vektis_kosten.c.reeks_id.in_(reeksen)


#: Tables without a ``bron_id`` column: cells (deleted through their series) and codes or
#: names that other sources share (they stay).
_ZONDER_BRON = (raw_cbs_waarde, raw_cbs_regio, raw_vektis_kosten, raw_vektis_naam)


def verwijder_bron(conn, bron_id: str) -> None:
    """Delete every raw row of one source (cells through their series, then the rest)."""
    conn.execute(delete(raw_cbs_waarde).where(col_reeks_van(bron_id)))
    conn.execute(delete(raw_vektis_kosten).where(vektis_reeks_van(bron_id)))
    for table in RAW_TABLES:
        if table not in _ZONDER_BRON:
            conn.execute(delete(table).where(table.c.bron_id == bron_id))


def schrijf_cbs_waarden(conn, frame: pd.DataFrame, bron_id: str) -> int:
    """Store long CBS rows (``bron_id, jaar, regio_code, kolom, waarde``) as series
    (``raw_cbs_reeks``: one row per source x year x column, integer id) and cells
    (``raw_cbs_waarde``: series id, region, value). A region twice in one series with two
    different values is refused (Dutch error); the same row twice is stored once."""
    if frame.empty:
        return 0
    frame = frame.assign(bron_id=frame["bron_id"].fillna(bron_id))
    frame = frame.drop_duplicates(["bron_id", "jaar", "kolom", "regio_code", "waarde"])
    dubbel = frame.duplicated(["bron_id", "jaar", "kolom", "regio_code"], keep=False)
    if dubbel.any():
        eerste = frame[dubbel].iloc[0]
        raise IngestFout(
            f"{bron_id}: gebied {str(eerste['regio_code']).strip()} staat meer dan eens in "
            f"kolom {eerste['kolom']} ({eerste['jaar']}) met verschillende waarden"
        )
    reeksen = frame[["bron_id", "jaar", "kolom"]].drop_duplicates().reset_index(drop=True)
    start = (conn.execute(select(func.max(raw_cbs_reeks.c.reeks_id))).scalar() or 0) + 1
    reeksen.insert(0, "reeks_id", range(start, start + len(reeksen)))
    db.bulk_insert(conn, raw_cbs_reeks, reeksen)
    cellen = frame.merge(reeksen, on=["bron_id", "jaar", "kolom"], how="left", validate="m:1")
    cellen["regio_id"] = regio_ids(conn, cellen["regio_code"])
    cellen = cellen.sort_values(["reeks_id", "regio_id"], kind="stable")  # key order: dense
    return db.bulk_insert(conn, raw_cbs_waarde, cellen[["reeks_id", "regio_id", "waarde"]])


def regio_ids(conn, codes: pd.Series) -> pd.Series:
    """The integer id of every region code (as published); codes not yet known get new ids."""
    bekend = dict(conn.execute(select(raw_cbs_regio.c.regio_code, raw_cbs_regio.c.regio_id)).all())
    nieuw = [c for c in codes.drop_duplicates() if c not in bekend]
    if nieuw:
        start = max(bekend.values(), default=0) + 1
        rijen = pd.DataFrame({"regio_id": range(start, start + len(nieuw)), "regio_code": nieuw})
        db.bulk_insert(conn, raw_cbs_regio, rijen)
        bekend.update(zip(rijen["regio_code"], rijen["regio_id"], strict=True))
    return codes.map(bekend)


def schrijf_vektis_kosten(conn, frame: pd.DataFrame, bron_id: str) -> int:
    """Store published Vektis rows as series (``raw_vektis_reeks``: source, year, indeling,
    gebied, sex, age class, cost item once, integer id), gemeente names (``raw_vektis_naam``)
    and cells (``raw_vektis_kosten``: series id, name id, numbers). A name twice in one series
    with different numbers is refused (Dutch error); the same row twice is stored once."""
    if frame.empty:
        return 0
    frame = frame.reindex(columns=[*_VEKTIS_REEKS, "gemeentenaam", *_VEKTIS_CEL]).assign(
        bron_id=frame["bron_id"].fillna(bron_id)
    )
    frame = frame.drop_duplicates()
    sleutel = [*_VEKTIS_REEKS, "gemeentenaam"]
    dubbel = frame.duplicated(sleutel, keep=False)
    if dubbel.any():
        eerste = frame[dubbel].iloc[0]
        raise IngestFout(
            f"{bron_id}: {eerste['gemeentenaam'] or eerste['gebied']} staat meer dan eens in "
            f"{eerste['kostenpost']} ({eerste['geslacht']}, {eerste['leeftijdsklasse']}, "
            f"{eerste['jaar']}) met verschillende bedragen"
        )
    reeksen = frame[_VEKTIS_REEKS].drop_duplicates().reset_index(drop=True)
    start = (conn.execute(select(func.max(raw_vektis_reeks.c.reeks_id))).scalar() or 0) + 1
    reeksen.insert(0, "reeks_id", range(start, start + len(reeksen)))
    db.bulk_insert(conn, raw_vektis_reeks, reeksen)
    # NaN never equals NaN in a merge key: compare the optional columns through a marker
    sleutels = [f"_k{i}" for i in range(len(_VEKTIS_REEKS))]
    for kolom, k in zip(_VEKTIS_REEKS, sleutels, strict=True):
        frame[k] = frame[kolom].astype(object).where(frame[kolom].notna(), "\0").astype(str)
        reeksen[k] = reeksen[kolom].astype(object).where(reeksen[kolom].notna(), "\0").astype(str)
    cellen = frame.merge(reeksen[["reeks_id", *sleutels]], on=sleutels, how="left", validate="m:1")
    cellen["naam_id"] = vektis_naam_ids(conn, cellen["gemeentenaam"])
    cellen = cellen.sort_values(["reeks_id", "naam_id"], kind="stable")  # key order: dense
    return db.bulk_insert(conn, raw_vektis_kosten, cellen[["reeks_id", "naam_id", *_VEKTIS_CEL]])


def vektis_naam_ids(conn, namen: pd.Series) -> pd.Series:
    """The integer id of every Vektis gemeente name (0: no name); new names get new ids."""
    tabel = raw_vektis_naam
    bekend = dict(conn.execute(select(tabel.c.gemeentenaam, tabel.c.naam_id)).all())
    if None not in bekend and namen.isna().any():
        conn.execute(tabel.insert().values(naam_id=0, gemeentenaam=None))
    nieuw = [n for n in namen.dropna().drop_duplicates() if n not in bekend]
    if nieuw:
        start = max(bekend.values(), default=0) + 1
        rijen = pd.DataFrame({"naam_id": range(start, start + len(nieuw)), "gemeentenaam": nieuw})
        db.bulk_insert(conn, tabel, rijen)
        bekend.update(zip(rijen["gemeentenaam"], rijen["naam_id"], strict=True))
    bekend.pop(None, None)
    return namen.map(bekend).fillna(0).astype(int)


def load_reference(conn, vingerafdruk: str) -> None:
    """(Re)load the reference tables: the indicator catalogue, the gemeente-name crosswalk and
    the model fingerprint they were built with."""
    for table in REF_TABLES:
        conn.execute(delete(table))
    db.bulk_insert(conn, ref_indicator, indicator_catalogue())
    vektis_indeling.pas_toe(conn)  # the indeling each Vektis file's names follow
    db.bulk_insert(conn, ref_gemeentenaam, crosswalk(conn))
    conn.execute(ref_model.insert().values(sleutel="vingerafdruk", waarde=vingerafdruk))


def model_vingerafdruk() -> str:
    """Checksum of the code-side inputs of the reference tables and views: the view and index
    SQL, the indicator catalogue and the gemeente-name aliases (an upgrade changes it)."""
    paths = [
        *(path for _, path in db.view_files()),
        *(path for _, path in db.lees_view_files()),
        *sorted((db.SQL_DIR / "indexes").glob("*.sql")),
        *sorted((db.SQL_DIR / "tabellen").glob("*.sql")),
        *sorted(CATALOGUE.glob("*.csv")),
        ALIASES_FILE,
    ]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _stored_model(conn) -> str | None:
    return conn.execute(select(ref_model.c.waarde)).scalar()


def crosswalk(conn) -> pd.DataFrame:
    """Map every name in ``raw_gemeentenaam`` to a GM code using the gemeente rows of
    ``raw_regio`` (official code lists and geometries of all years present)."""
    names = pd.read_sql_query(
        select(raw_gemeentenaam.c.naam, raw_gemeentenaam.c.jaar_indeling).distinct(), conn
    )
    ref = pd.read_sql_query(
        select(raw_regio.c.regio_code, raw_regio.c.regio_naam, raw_regio.c.jaar)
        .where(raw_regio.c.regio_code.like("GM%"))
        .distinct(),
        conn,
    )
    ref = ref.rename(columns={"regio_code": "gemeente_code", "regio_naam": "gemeente_naam"})
    ref["gemeente_code"] = ref["gemeente_code"].str.strip()
    out = []
    for jaar, group in names.groupby("jaar_indeling"):
        if ref.empty:
            matched = pd.DataFrame({"naam": group["naam"].unique(), "status": "onbekend"})
        else:
            matched = match_namen(group["naam"], ref.dropna(subset=["gemeente_naam"]), int(jaar))
        out.append(matched.assign(jaar_indeling=int(jaar)))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()


def _views_present(conn) -> bool:
    from sqlalchemy import inspect

    existing = set(inspect(conn).get_view_names())
    namen = [name for name, _ in [*db.view_files(), *db.lees_view_files()]]
    return all(name in existing for name in namen)
