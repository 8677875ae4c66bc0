"""A replay of a full online ingest for one gemeente outside the lab folder: Zwolle (GM0193),
gemeente, wijk and buurt, 2019-2024, with synthetic values in the recorded shapes.

Sources, each through its real online module and the real ingest (no internet):

- KWB 2019-2024 (``kwb_replay``: the real 85984NED DataProperties; for the years before 2024
  the two bouwjaar topics carry the keys those editions publish, ``BouwjaarVoor2000`` and
  ``BouwjaarVanaf2000``, as the alias table documents), under each year's own table id;
- Iv3 2019-2024, begroting and jaarrekening, every BBV taakveld of that year's set
  (``geldstromen/domain/taakvelden.csv``), from the third-party feed;
- RIVM gezondheid per wijk en buurt 2020 and 2022, 18+ and 65+ (``rivm_replay``);
- PDOK boundaries 2019-2024 of gemeente, wijk and buurt (``pdok_replay``: OGC API pages from
  2022, WFS before), squares near Zwolle's real position;
- Vektis Zvw 2019-2023 (the last published year), per gemeente and per PC3 (``vektis_replay``
  shapes: ``;``, cp1252, a rest row first); the buurten's most common postcode (KWB) is in
  Zwolle's PC3 800-803, one PC3 per wijk.

Not online (files only), so not in this store: gemeentefonds circulaires, gemeenteklassen,
energy prices and the Budgetonderzoek.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import urlsplit

import responses
import shapely

from data_sources.cbs_kwb import KWB_TABELLEN
from data_sources.cbs_odata import CbsFeed
from data_sources.ingest import ingest
from data_sources.iv3_online import IV3_TABELLEN, iv3_online
from data_sources.online import kwb_online
from data_sources.rivm_online import rivm_online
from data_sources.vektis_online import VektisDownload, vektis_online
from geldstromen import db
from geldstromen.config import get_settings
from tests.support import kwb_replay, pdok_replay, rivm_replay, vektis_replay

GM, NAAM = "GM0193", "Zwolle"
JAREN = tuple(range(2019, 2025))
RIVM_JAREN = (2020, 2022)
VEKTIS_JAREN = tuple(range(2019, 2024))
VEKTIS_BASIS = "https://vektis.invalid/uploads/Open%20Data%20Bestanden"
KWB_BASE = "https://cbs.invalid/ODataFeed/odata"
DERDEN_BASE = "https://derden.invalid/ODataFeed/odata"
WIJKEN, BUURTEN_PER_WIJK = 4, 3
TAAKVELDEN = Path(__file__).parents[2] / "geldstromen" / "domain" / "taakvelden.csv"
#: Pre-2024 keys of the bouwjaar split that KWB 2024 replaced (alias table: niet_gepubliceerd).
BOUWJAAR_VOOR_2024 = {
    "BouwjaarMeerDanTienJaarGeleden": "BouwjaarVoor2000",
    "BouwjaarAfgelopenTienJaar": "BouwjaarVanaf2000",
}


def gebieden() -> list[tuple[str, str, str]]:
    """(code, name, soort): NL, Zwolle, its wijken and buurten (synthetic names)."""
    out = [("NL00", "Nederland", "Land"), (GM, NAAM, "Gemeente")]
    for w in range(WIJKEN):
        wk = f"WK0193{w:02d}"
        out.append((wk, f"Wijk {w:02d} Zwolle-{'NOZW'[w]}", "Wijk"))
        for b in range(BUURTEN_PER_WIJK):
            out.append((f"BU0193{w:02d}{b:02d}", f"Buurt {w}-{b} Zwolle", "Buurt"))
    return out


def kwb_props(jaar: int) -> list[dict]:
    """DataProperties of the KWB edition of ``jaar`` (2024 metadata, older bouwjaar keys)."""
    props, _ = kwb_replay.metadata()
    if jaar >= 2024:
        return props
    out = []
    for p in props:
        stam, _, nr = str(p.get("Key") or "").rpartition("_")
        if stam in BOUWJAAR_VOOR_2024:
            p = {**p, "Key": f"{BOUWJAAR_VOOR_2024[stam]}_{nr}"}
        out.append(p)
    return out


def kwb_pages(jaar: int) -> dict[str, str]:
    pages = kwb_replay.replay(KWB_BASE, gebieden=gebieden())
    tabel = KWB_TABELLEN[jaar]
    props = kwb_props(jaar)
    out = {}
    for url, body in pages.items():
        data = json.loads(body)
        if url.split("?")[0].endswith("/DataProperties"):
            data["value"] = props
        elif "/TypedDataSet" in url:
            hernoem = {
                o["Key"]: n["Key"] for o, n in zip(kwb_replay.metadata()[0], props, strict=True)
            }
            data["value"] = [
                {hernoem.get(k, k): postcode(r, k, v) for k, v in r.items()} for r in data["value"]
            ]
        out[url.replace("85984NED", tabel)] = json.dumps(data)
    return out


def postcode(row: dict, key: str, value):
    """Zwolle's postcodes instead of the replay's 9999: wijk w lies in PC3 80w."""
    if not key.startswith("MeestVoorkomendePostcode") or value is None:
        return value
    code = row["WijkenEnBuurten"].strip()
    return f"80{code[7]}{code[9] if len(code) > 9 else '0'}".ljust(10)


def pc3s() -> list[str]:
    return [f"80{w}" for w in range(WIJKEN)]


def vektis_bestanden(folder: Path) -> dict[str, bytes]:
    """Download address -> bytes of the Vektis files (gemeente and PC3) per year."""
    from data_sources.vektis_online import adressen

    out = {}
    for jaar in VEKTIS_JAREN:
        gm = vektis_replay.schrijf_vektis(folder / f"g{jaar}.csv", [NAAM.upper()])
        pc = vektis_replay.schrijf_vektis(folder / f"p{jaar}.csv", pc3s(), kolom="POSTCODE_3")
        out[adressen(jaar, "gemeente", VEKTIS_BASIS)[0]] = gm.read_bytes()
        out[adressen(jaar, "postcode3", VEKTIS_BASIS)[0]] = pc.read_bytes()
    return out


def taakvelden(jaar: int) -> list[tuple[str, str]]:
    """(code, name) of the BBV taakvelden in the Iv3 set of ``jaar``."""
    sets = {"alle", "tot2022"} if jaar <= 2022 else {"alle", "2023-2024"}
    with open(TAAKVELDEN, encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return [(r["taakveld_code"], r["taakveld_naam"]) for r in rows if r["indeling"] in sets]


def iv3_pages(jaar: int) -> dict[str, str]:
    """The Iv3 table of ``jaar`` for Zwolle: lasten (salarissen + overige) and baten per
    taakveld, begroting and jaarrekening (x 1 000 euro, synthetic)."""
    tabel = IV3_TABELLEN[jaar]
    feed = f"{DERDEN_BASE}/{tabel}"
    velden = taakvelden(jaar)
    rows, i = [], 0
    for t, (code, _) in enumerate(velden):
        for suffix, factor in (("X000", 1.0), ("X005", 1.05)):
            for cat, bedrag in (
                ("L1.1", 400 + 13 * t),
                ("L3.5.1", 900 + 29 * t),
                ("B4.3.1", 50 + 7 * t),
            ):
                rows.append(
                    {
                        "ID": i,
                        "Gemeenten": GM.ljust(10),
                        "TaakveldBalanspost": code.ljust(6),
                        "Categorie": cat,
                        "Verslagsoort": f"{jaar}{suffix}",
                        "k_1ePlaatsing_1": round(bedrag * factor * (1 + (jaar - 2019) / 50), 1),
                        "k_2ePlaatsing_2": None,
                    }
                )
                i += 1
    dims = {
        "TableInfos": [{"ID": 0, "Identifier": tabel, "Modified": f"{jaar + 1}-07-01T02:00:00"}],
        "Gemeenten": [{"Key": GM.ljust(10), "Title": NAAM}],
        "TaakveldBalanspost": [{"Key": c.ljust(6), "Title": f"{c} {n}"} for c, n in velden],
        "Categorie": [
            {"Key": "L1.1", "Title": "Salarissen en sociale lasten"},
            {"Key": "L3.5.1", "Title": "Overige goederen en diensten"},
            {"Key": "B4.3.1", "Title": "Overige inkomensoverdrachten"},
        ],
        "TypedDataSet": rows,
    }
    return {f"{feed}/{naam}?$format=json": json.dumps({"value": v}) for naam, v in dims.items()}


def grenzen() -> list[pdok_replay.Gebied]:
    """Squares for Zwolle, its wijken (strips) and buurten (cells), in RD near Zwolle."""
    x, y, kant = 203_000.0, 500_000.0, 8_000.0
    out = [
        pdok_replay.Gebied(
            "gemeente", GM, NAAM, GM, NAAM, None, shapely.box(x, y, x + kant, y + kant)
        )
    ]
    breed, hoog = kant / WIJKEN, kant / BUURTEN_PER_WIJK
    namen = {c: n for c, n, _ in gebieden()}
    for w in range(WIJKEN):
        wk = f"WK0193{w:02d}"
        wx = x + w * breed
        out.append(
            pdok_replay.Gebied(
                "wijk", wk, namen[wk], GM, NAAM, wk, shapely.box(wx, y, wx + breed, y + kant)
            )
        )
        for b in range(BUURTEN_PER_WIJK):
            bu = f"BU0193{w:02d}{b:02d}"
            by = y + b * hoog
            out.append(
                pdok_replay.Gebied(
                    "buurt", bu, namen[bu], GM, NAAM, wk, shapely.box(wx, by, wx + breed, by + hoog)
                )
            )
    return out


def bouw(url: str, var_dir: Path) -> dict[str, str]:
    """Ingest the whole replay into the store at ``url``; returns the CBS pages served."""
    from data_sources import pdok

    settings = get_settings({"GELDSTROMEN_VAR_DIR": str(var_dir)})
    pages: dict[str, str] = {}
    for jaar in JAREN:
        pages.update(kwb_pages(jaar))
        pages.update(iv3_pages(jaar))
    for jaar in RIVM_JAREN:
        pages.update(rivm_replay.replay(DERDEN_BASE, jaar, gebieden()))
    replay = pdok_replay.Replay()
    for jaar in JAREN:
        if jaar in pdok.OGC_JAREN:
            replay.ogc(jaar, grenzen())
        else:
            replay.wfs(jaar, grenzen())
    vektis = vektis_bestanden(var_dir.parent / "vektis_bron")
    kwb_feed = CbsFeed(settings, base_url=KWB_BASE, wacht_s=0.001)
    derden = CbsFeed(settings, base_url=DERDEN_BASE, wacht_s=0.001)
    bestanden = (
        kwb_online(settings, JAREN, feed=kwb_feed)
        + iv3_online(settings, JAREN, feed=derden)
        + rivm_online(settings, RIVM_JAREN, feed=derden)
        + pdok.online_bestanden(settings, JAREN, pdok.NIVEAUS)
        + vektis_online(
            settings,
            VEKTIS_JAREN,
            download=VektisDownload(settings, basis=VEKTIS_BASIS, wacht_s=0.001),
        )
    )
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        for u, body in pages.items():
            rsps.get(
                u.split("?")[0],
                body=body,
                content_type="application/json",
                match=[responses.matchers.query_string_matcher(urlsplit(u).query)],
            )
        for u, body in vektis.items():
            rsps.get(u, body=body, content_type="text/csv")
        replay.activeer(rsps)
        ingest(db.make_engine(url), bestanden)
    return pages
