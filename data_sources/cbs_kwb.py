"""CBS Kerncijfers wijken en buurten (KWB): untyped v3 CSV exports and OData JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from data_sources.base import Bestand, IngestFout, lees_tabel, long_cbs
from geldstromen.domain.kolommen import TEXT_STEMS, stem
from geldstromen.domain.kwb_aliassen import catalogus_stam
from geldstromen.domain.onderdrukking import to_number

#: KWB table ids per year (CBS StatLine); the year is the indeling year of the regions.
KWB_TABELLEN = {
    2013: "82339NED",
    2014: "82931NED",
    2015: "83220NED",
    2016: "83487NED",
    2017: "83765NED",
    2018: "84286NED",
    2019: "84583NED",
    2020: "84799NED",
    2021: "85039NED",
    2022: "85318NED",
    2023: "85618NED",
    2024: "85984NED",
    2025: "86165NED",
}
_JAAR_VAN_TABEL = {v: k for k, v in KWB_TABELLEN.items()}
_CSV_NAME = re.compile(r"kwb(\d{4})_(\d{5}NED)_.*\.csv$", re.IGNORECASE)
_JSON_NAME = re.compile(r"kwb(\d{4})_(\d{5}NED)_.*(?<!DataProperties)(?<!TableInfos)\.json$")


def kolommen_frame(
    bron_id: str,
    keys: list[str],
    props: list[dict] | None = None,
    *,
    letterlijk: bool = False,
    soort: str | None = None,
) -> pd.DataFrame:
    """``raw_cbs_kolom`` rows: stem, title and unit per published key.

    ``letterlijk``: the key is its own stem (sources without CBS' positional suffix, such as
    ``0_15`` in PDOK or ``P_00_14_JR`` in the wijk- en buurtkaart). ``soort``: map renamed
    topics to the stem the catalogue knows them by (``indicatoren/aliassen/<soort>.csv``);
    ``kolom`` and ``titel`` stay as published.
    """
    meta = {p.get("Key"): p for p in props or [] if p.get("Key")}
    stems = {key: key if letterlijk else stem(key) for key in keys}
    if soort is not None:
        naar = catalogus_stam(stems.values(), soort)
        stems = {key: naar[s] for key, s in stems.items()}
    rows = []
    for key in keys:
        p = meta.get(key, {})
        rows.append(
            {
                "bron_id": bron_id,
                "kolom": key,
                "stem": stems[key],
                "titel": p.get("Title"),
                "eenheid": p.get("Unit"),
                "is_numeriek": 0 if stem(key) in TEXT_STEMS or p.get("Datatype") == "String" else 1,
            }
        )
    return pd.DataFrame(rows)


def check_numeric(long: pd.DataFrame, kolommen: pd.DataFrame, naam: str) -> None:
    """Fail with a Dutch message when a numeric column holds something that is not a number."""
    numeric = set(kolommen.loc[kolommen["is_numeriek"] == 1, "kolom"])
    part = long[long["kolom"].isin(numeric)]
    try:
        to_number(part["waarde"])
    except ValueError as exc:
        idx = int(str(exc).rsplit("rij ", 1)[-1].rstrip(")"))
        row = part.loc[idx]
        raise IngestFout(
            f"{naam}: kolom {row['kolom']} voor {row['regio_code'].strip()} bevat geen getal: "
            f"{row['waarde']!r}"
        ) from exc


def lees_csv(path: Path, bron_id: str, jaar: int) -> dict[str, pd.DataFrame]:
    """Read an untyped KWB v3 CSV (``;``, quoted, space-padded, ``.`` = suppressed)."""
    frame = lees_tabel(path, sep=";")
    if "WijkenEnBuurten" not in frame.columns:
        raise IngestFout(f"{path.name}: kolom WijkenEnBuurten ontbreekt; is dit een KWB-bestand?")
    if not isinstance(frame.index, pd.RangeIndex):  # rows longer than the header: shifted
        raise IngestFout(f"{path.name}: rijen hebben meer velden dan de kopregel")
    long = long_cbs(frame, bron_id=bron_id, jaar=jaar, code_col="WijkenEnBuurten", skip=("ID",))
    kolommen = kolommen_frame(
        bron_id, [c for c in frame.columns if c not in ("ID", "WijkenEnBuurten")], soort="cbs_kwb"
    )
    check_numeric(long, kolommen, path.name)
    return {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen}


def json_rijen(data: object, naam: str) -> pd.DataFrame:
    """The rows of a KWB JSON file in any of the shapes CBS data is saved in.

    - an object keyed by region code (``{"GM0363": {...}, ...}``);
    - a saved OData feed page (``{"odata.metadata": ..., "value": [{...}, ...]}``);
    - a ``cbsodata`` download list (``[{...}, ...]``), rows with a ``WijkenEnBuurten`` field.
    """
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        data = data["value"]
    if isinstance(data, list):
        if not data or not all(isinstance(r, dict) for r in data):
            raise IngestFout(f"{naam}: verwacht een lijst van rijen (JSON-objecten)")
        frame = pd.DataFrame(data)
        if "WijkenEnBuurten" not in frame.columns:
            raise IngestFout(
                f"{naam}: de rijen hebben geen veld WijkenEnBuurten; verwacht een feed-pagina, "
                "een cbsodata-lijst of een JSON-object met regiocodes als sleutels"
            )
        return frame.drop(columns=["ID"], errors="ignore").astype("string")
    if not isinstance(data, dict) or not data:
        raise IngestFout(
            f"{naam}: verwacht OData-JSON: een feed-pagina met 'value', een lijst van rijen of "
            "een JSON-object met regiocodes als sleutels"
        )
    if not all(isinstance(v, dict) for v in data.values()):
        raise IngestFout(f"{naam}: verwacht per regiocode een object met kolommen")
    frame = pd.DataFrame.from_dict(data, orient="index")
    frame.index.name = "WijkenEnBuurten"
    return frame.reset_index().astype("string")


def lees_json(
    path: Path, bron_id: str, jaar: int, props_path: Path | None
) -> dict[str, pd.DataFrame]:
    """Read a KWB OData JSON file (values typed; null = suppressed); see :func:`json_rijen`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise IngestFout(
            f"{path.name}: bestand kan niet worden gelezen, geen geldige JSON ({exc})"
        ) from exc
    frame = json_rijen(data, path.name)
    props = json.loads(props_path.read_text(encoding="utf-8")) if props_path else None
    if isinstance(props, dict):  # a saved DataProperties feed page
        props = props.get("value")
    long = long_cbs(frame, bron_id=bron_id, jaar=jaar, code_col="WijkenEnBuurten", keep_null=True)
    kolommen = kolommen_frame(
        bron_id, [c for c in frame.columns if c != "WijkenEnBuurten"], props, soort="cbs_kwb"
    )
    check_numeric(long, kolommen, path.name)
    return {"raw_cbs_waarde": long, "raw_cbs_kolom": kolommen}


def vind(data_dir: Path) -> list[Bestand]:
    """KWB files in ``data_dir/cbs_kwb``."""
    folder = data_dir / "cbs_kwb"
    found: list[Bestand] = []
    for path in sorted(folder.glob("kwb*.csv")):
        m = _CSV_NAME.match(path.name)
        if not m or "derived" in path.name:
            continue
        jaar, tabel = int(m.group(1)), m.group(2)
        bron_id = path.stem
        found.append(
            Bestand(
                bron_id=bron_id,
                soort="cbs_kwb",
                pad=path,
                tabel_id=tabel,
                jaar=jaar,
                lees=lambda p=path, b=bron_id, j=jaar: lees_csv(p, b, j),
            )
        )
    for path in sorted(folder.glob("kwb*.json")):
        m = _JSON_NAME.match(path.name)
        if not m:
            continue
        jaar, tabel = int(m.group(1)), m.group(2)
        props = folder / f"kwb{jaar}_{tabel}_DataProperties.json"
        props_path = props if props.exists() else None
        bron_id = path.stem
        found.append(
            Bestand(
                bron_id=bron_id,
                soort="cbs_kwb",
                pad=path,
                tabel_id=tabel,
                jaar=jaar,
                lees=lambda p=path, b=bron_id, j=jaar, q=props_path: lees_json(p, b, j, q),
            )
        )
    return found
