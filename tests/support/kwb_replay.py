"""Replays of the CBS ODataFeed for a KWB table in the real response shape, with synthetic values.

Shape (from the real 85984NED metadata, see ``tests/fixtures/kwb_replay/``):

- ``DataProperties``: every entry as CBS publishes it (``odata.type``, ``ID``, ``Position``,
  ``ParentID``, ``Type`` GeoDetail/TopicGroup/Topic, ``Key``, ``Title``, ``Unit``,
  ``Datatype``, ``Decimals``); only the long ``Description`` texts are shortened;
- ``TableInfos``: one entry with ``Identifier``, ``Modified``, ``MetaDataModified`` and the rest;
- ``WijkenEnBuurten``: the GeoDetail dimension, ``Key`` space-padded to 10 characters, ``Title``;
- ``TypedDataSet``: rows with ``ID``, ``WijkenEnBuurten`` (padded) and every Topic key; the
  national row (``NL00``, the code the table's own ``DefaultSelection`` uses), then gemeente,
  wijk and buurt rows; text columns ``Gemeentenaam``, ``SoortRegio``, ``Codering``,
  ``IndelingswijzigingGemeenteWijkBuurt`` and ``MeestVoorkomendePostcode`` padded as CBS pads
  them; ``null`` for suppressed cells; pages of at most ``paginagrootte`` (CBS: 10,000) rows
  chained by ``odata.nextLink`` with ``$skip``.

All values are synthetic (made-up gemeente GM9999 "Testdorp"); no CBS figure is copied.

Run as a script to rebuild the committed metadata from a real DataProperties/TableInfos pair::

    python -m tests.support.kwb_replay DATA_DIR/cbs_kwb/kwb2024_85984NED_DataProperties.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures" / "kwb_replay"
PAGINAGROOTTE = 10_000


def metadata(tabel: str = "85984NED") -> tuple[list[dict], dict]:
    """The committed DataProperties list and TableInfos entry of ``tabel``."""
    props = json.loads((FIXTURES / f"{tabel}_DataProperties.json").read_text(encoding="utf-8"))
    info = json.loads((FIXTURES / f"{tabel}_TableInfos.json").read_text(encoding="utf-8"))
    return props, info


def _pad(text: str, width: int = 10) -> str:
    return text.ljust(width)


def regios(n_wijken: int = 3, buurten_per_wijk: int = 3) -> list[tuple[str, str, str]]:
    """(code, name, soort) of the synthetic areas: NL, one gemeente, its wijken and buurten."""
    out = [("NL00", "Nederland", "Land"), ("GM9999", "Testdorp", "Gemeente")]
    for w in range(n_wijken):
        wk = f"WK9999{w:02d}"
        out.append((wk, f"Wijk {w:02d} Testwijk {w}", "Wijk"))
        for b in range(buurten_per_wijk):
            out.append((f"BU9999{w:02d}{b:02d}", f"Testbuurt {w}-{b}", "Buurt"))
    return out


def regios_nl(
    gemeenten: int = 342, wijken: int = 10, buurten_per_wijk: int = 4
) -> list[tuple[str, str, str]]:
    """A national-size synthetic area list (default 342 gemeenten, 3,420 wijken, 13,680
    buurten, about the size of KWB 2024)."""
    out = [("NL00", "Nederland", "Land")]
    for g in range(1, gemeenten + 1):
        out.append((f"GM{g:04d}", f"Gemeente {g:04d}", "Gemeente"))
        for w in range(wijken):
            out.append((f"WK{g:04d}{w:02d}", f"Wijk {w:02d} van {g:04d}", "Wijk"))
            for b in range(buurten_per_wijk):
                out.append((f"BU{g:04d}{w:02d}{b:02d}", f"Buurt {g:04d}-{w}-{b}", "Buurt"))
    return out


def waarde(prop: dict, code: str, soort: str, i: int) -> object:
    """A synthetic value of one Topic for one area (deterministic; some cells suppressed)."""
    stem = prop["Key"].rsplit("_", 1)[0]
    if stem == "Gemeentenaam":
        naam = "Testdorp" if code[2:6] == "9999" else f"Gemeente {code[2:6]}"
        return _pad("Nederland" if soort == "Land" else naam, 40)
    if stem == "SoortRegio":
        return _pad(soort, 10)
    if stem == "Codering":
        return _pad(code, 10)
    if stem.startswith("Indelingswijziging"):
        return None if soort == "Land" else _pad("1", 10)
    if stem == "MeestVoorkomendePostcode":
        return None if soort in ("Land", "Gemeente") else _pad("9999", 10)
    if prop.get("Datatype") == "String":
        return _pad("x", 10)
    if soort == "Buurt" and i % 4 == 3 and prop["Position"] % 5 == 0:
        return None  # suppressed: too few inhabitants for this topic
    base = 1000 + 37 * prop["Position"] + 11 * i
    if prop.get("Datatype") == "Double":
        return round(base / 100, int(prop.get("Decimals") or 1))
    return base


def rijen(props: list[dict], gebieden: list[tuple[str, str, str]]) -> list[dict]:
    """TypedDataSet rows for ``gebieden`` with every Topic of ``props``."""
    topics = [p for p in props if p["Type"] == "Topic"]
    out = []
    for i, (code, _, soort) in enumerate(gebieden):
        row: dict = {"ID": i, "WijkenEnBuurten": _pad(code)}
        row.update({p["Key"]: waarde(p, code, soort, i) for p in topics})
        out.append(row)
    return out


def replay(
    base: str,
    tabel: str = "85984NED",
    gebieden: list[tuple[str, str, str]] | None = None,
    paginagrootte: int = PAGINAGROOTTE,
    modified: str | None = None,
) -> dict[str, str]:
    """URL -> response body (JSON text) of a whole table: metadata, dimension and data pages."""
    props, info = metadata(tabel)
    if modified:
        info = {**info, "Modified": modified}
    gebieden = gebieden or regios()
    feed = f"{base}/{tabel}"
    meta = f"{feed}/$metadata#Cbs.OData.WebAPI"
    out = {
        f"{feed}/DataProperties?$format=json": {
            "odata.metadata": f"{meta}.DataProperties",
            "value": props,
        },
        f"{feed}/TableInfos?$format=json": {
            "odata.metadata": f"{meta}.TableInfos",
            "value": [info],
        },
        f"{feed}/WijkenEnBuurten?$format=json": {
            "odata.metadata": f"{meta}.WijkenEnBuurten",
            "value": [{"Key": _pad(c), "Title": n, "Description": None} for c, n, _ in gebieden],
        },
    }
    data = rijen(props, gebieden)
    url = f"{feed}/TypedDataSet?$format=json"
    for start in range(0, len(data), paginagrootte):
        page: dict = {
            "odata.metadata": f"{meta}.TypedDataSet",
            "value": data[start : start + paginagrootte],
        }
        if start + paginagrootte < len(data):
            page["odata.nextLink"] = (
                f"{feed}/TypedDataSet?$format=json&$skip={start + paginagrootte}"
            )
        out[url] = page
        url = page.get("odata.nextLink", "")
    return {u: json.dumps(body) for u, body in out.items()}


def _kort(text: object, n: int = 80) -> object:
    return text[:n] if isinstance(text, str) else text


def schrijf_metadata(props_path: Path, out_dir: Path = FIXTURES) -> None:
    """Write the committed metadata from a real DataProperties/TableInfos pair: every entry and
    field kept, long texts shortened (metadata only, no values)."""
    props = json.loads(props_path.read_text(encoding="utf-8"))
    info_path = props_path.with_name(props_path.name.replace("DataProperties", "TableInfos"))
    info = json.loads(info_path.read_text(encoding="utf-8"))
    info = info[0] if isinstance(info, list) else info
    tabel = info["Identifier"]
    props = [{k: _kort(v) if k == "Description" else v for k, v in p.items()} for p in props]
    info = {k: _kort(v, 200) for k, v in info.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    for naam, body in (("DataProperties", props), ("TableInfos", info)):
        (out_dir / f"{tabel}_{naam}.json").write_text(
            json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    schrijf_metadata(Path(sys.argv[1]))
