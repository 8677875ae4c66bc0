"""Time and store size of an online ingest at national size, on a replay (no internet).

Serves synthetic CBS responses in the real shape (``tests/support/kwb_replay.py``: the real
85984NED metadata, 10,000-row pages) for every KWB year 2015-2025 at national size (342
gemeenten, 3,420 wijken, 13,680 buurten; each year served with the 2024 column shape, the
only year whose metadata is committed), Iv3 2015-2026 (342 gemeenten x 70 taakvelden x 8
categories x begroting and jaarrekening) and writes Vektis gemeente files (the published
header with all 22 cost columns, 2 sexes x 19 age classes per gemeente, names in capitals)
for 2011-2023, and RIVM gezondheid per wijk en buurt 2020 and 2022 (both age groups, every
area; ``tests/support/rivm_replay.py``); runs the real ``ingest`` (one transaction, as ``ingest --online``) into a
fresh store and prints wall time, rows, file size and bytes per table. Usage::

    python scripts/replay_nationaal.py [--jaren 2015-2025] [--iv3 2015-2026]
        [--vektis 2011-2023] [--rivm 2020,2022] [--grenzen 2015-2025] [--gemeenten 342] [--dir DIR] [--json OUT.json]

``--gemeenten 3`` replays a few gemeenten in the same shapes (what the tests run).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import responses

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_sources import pdok, vektis  # noqa: E402
from data_sources.cbs_odata import CbsFeed  # noqa: E402
from data_sources.ingest import ingest  # noqa: E402
from data_sources.iv3_online import IV3_TABELLEN, iv3_online  # noqa: E402
from data_sources.online import KWB_TABELLEN, kwb_online  # noqa: E402
from data_sources.rivm_online import rivm_online  # noqa: E402
from geldstromen import db  # noqa: E402
from geldstromen.config import get_settings  # noqa: E402
from tests.support import pdok_replay, rivm_replay  # noqa: E402
from tests.support.kwb_replay import regios_nl, replay  # noqa: E402

BASE = "https://replay.invalid/ODataFeed/odata"
#: The cost columns of the Vektis Zvw gemeente files as published (header of the 2015 file).
VEKTIS_KOSTEN = [
    "KOSTEN_MEDISCH_SPECIALISTISCHE_ZORG",
    "KOSTEN_FARMACIE",
    "KOSTEN_SPECIALISTISCHE_GGZ",
    "KOSTEN_HUISARTS_INSCHRIJFTARIEF",
    "KOSTEN_HUISARTS_CONSULT",
    "KOSTEN_HUISARTS_MDZ",
    "KOSTEN_HUISARTS_OVERIG",
    "KOSTEN_HULPMIDDELEN",
    "KOSTEN_MONDZORG",
    "KOSTEN_PARAMEDISCHE_ZORG_FYSIOTHERAPIE",
    "KOSTEN_PARAMEDISCHE_ZORG_OVERIG",
    "KOSTEN_ZIEKENVERVOER_ZITTEND",
    "KOSTEN_ZIEKENVERVOER_LIGGEND",
    "KOSTEN_KRAAMZORG",
    "KOSTEN_VERLOSKUNDIGE_ZORG",
    "KOSTEN_GENERALISTISCHE_BASIS_GGZ",
    "KOSTEN_LANGDURIGE_GGZ",
    "KOSTEN_GRENSOVERSCHRIJDENDE_ZORG",
    "KOSTEN_EERSTELIJNS_ONDERSTEUNING",
    "KOSTEN_GERIATRISCHE_REVALIDATIEZORG",
    "KOSTEN_VERPLEGING_EN_VERZORGING",
    "KOSTEN_OVERIG",
]
VEKTIS_KLASSEN = [f"{lo:>2} t/m {lo + 4:>2} jaar" for lo in range(0, 90, 5)] + ["90+"]


def jaren(text: str) -> list[int]:
    """``2015-2025`` or ``2015,2024`` (or empty) as a list of years."""
    out: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if "-" in part:
            lo, hi = (int(x) for x in part.split("-"))
            out.extend(range(lo, hi + 1))
        elif part:
            out.append(int(part))
    return out


def iv3_pages(jaar: int, gemeenten: int = 342) -> dict[str, str]:
    """URL -> body of one Iv3 table (dimensions and 10,000-row data pages)."""
    tabel = IV3_TABELLEN[jaar]
    feed = f"{BASE}/{tabel}"
    taakvelden = [f"{h}.{t}" for h in range(9) for t in range(1, 9)][:70]
    cats = ["L1.1", "L3.5.1", "L4.3.3", "L7.1", "B2.2.1", "B3.5", "B4.3.1", "B7.1"]
    rows, i = [], 0
    for g in range(1, gemeenten + 1):
        for tv in taakvelden:
            for c, cat in enumerate(cats):
                for suffix in ("X000", "X005"):
                    rows.append(
                        {
                            "ID": i,
                            "Gemeenten": f"GM{g:04d}".ljust(10),
                            "TaakveldBalanspost": tv.ljust(6),
                            "Categorie": cat,
                            "Verslagsoort": f"{jaar}{suffix}",
                            "k_1ePlaatsing_1": float(g + c),
                            "k_2ePlaatsing_2": None,
                        }
                    )
                    i += 1
    dims = {
        "TableInfos": [{"ID": 0, "Identifier": tabel, "Modified": "2025-01-01T02:00:00"}],
        "Gemeenten": [
            {"Key": f"GM{g:04d}".ljust(10), "Title": f"Gemeente {g:04d}"}
            for g in range(1, gemeenten + 1)
        ],
        "TaakveldBalanspost": [
            {"Key": tv.ljust(6), "Title": f"{tv} Taakveld"} for tv in taakvelden
        ],
        "Categorie": [{"Key": c, "Title": c} for c in cats],
    }
    pages = {f"{feed}/{naam}?$format=json": json.dumps({"value": v}) for naam, v in dims.items()}
    url = f"{feed}/TypedDataSet?$format=json"
    for start in range(0, len(rows), 10_000):
        page = {"value": rows[start : start + 10_000]}
        if start + 10_000 < len(rows):
            page["odata.nextLink"] = f"{feed}/TypedDataSet?$format=json&$skip={start + 10_000}"
        pages[url] = json.dumps(page)
        url = page.get("odata.nextLink", "")
    return pages


def schrijf_vektis(folder: Path, jaar: int, gemeenten: int) -> Path:
    """A Vektis Zvw gemeente file of ``jaar`` in the published shape (values made up): the
    rest row first, then sex x age class x gemeente; names as the replayed KWB names them."""
    path = folder / "zorg" / f"vektis_zvw_{jaar}_gemeente.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ["GESLACHT", "LEEFTIJDSKLASSE", "GEMEENTENAAM", "AANTAL_BSN"]
    header += ["AANTAL_VERZEKERDEJAREN", *VEKTIS_KOSTEN]
    with open(path, "w", encoding="cp1252", newline="") as fh:
        out = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        out.writerow(header)
        out.writerow(["", "", "", "12", "11.50"] + ["1234.56"] * len(VEKTIS_KOSTEN))
        for s in ("M", "V"):
            for k, klasse in enumerate(VEKTIS_KLASSEN):
                for g in range(1, gemeenten + 1):
                    jaren_v = 100 + 3 * g + k
                    bedragen = [
                        f"{1000 + 37.5 * k**2 + 11.25 * g + 100 * c:.2f}"
                        for c in range(len(VEKTIS_KOSTEN))
                    ]
                    out.writerow(
                        [
                            s,
                            klasse,
                            f"GEMEENTE {g:04d}",
                            str(jaren_v + 2),
                            f"{jaren_v:.2f}",
                            *bedragen,
                        ]
                    )
    return path


class KwbPaginas:
    """Serves the KWB tables of every year, built when first asked (one year in memory)."""

    def __init__(self, jaren_kwb: list[int], gebieden: list[tuple[str, str, str]]):
        self.tabellen = {KWB_TABELLEN[j]: j for j in jaren_kwb}
        self.gebieden = gebieden
        self.tabel: str | None = None
        self.pages: dict[str, str] = {}
        #: seconds spent making the synthetic pages (not part of an ingest's own time)
        self.genereren_s = 0.0

    def __call__(self, request) -> tuple[int, dict, str]:
        tabel = urlsplit(request.url).path.split("/")[-2]
        if tabel != self.tabel:
            start = time.perf_counter()
            self.pages = {
                url.replace("85984NED", tabel): body
                for url, body in replay(BASE, gebieden=self.gebieden).items()
            }
            self.tabel = tabel
            self.genereren_s += time.perf_counter() - start
        url = request.url.replace("%24", "$")
        body = self.pages.get(url)
        if body is None:
            return 404, {}, ""
        return 200, {"Content-Type": "application/json"}, body


def tabel_bytes(engine) -> dict[str, int]:
    """Bytes per table and index (SQLite ``dbstat``; empty when not available)."""
    if engine.dialect.name != "sqlite":
        return {}
    with engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql(
                "select name, sum(pgsize) from dbstat group by name order by 2 desc"
            ).all()
        except Exception:  # SQLite built without dbstat
            return {}
    return {name: int(size) for name, size in rows}


def draai(
    folder: Path,
    kwb: list[int],
    iv3: list[int],
    vektis_jaren: list[int],
    gemeenten: int = 342,
    url: str | None = None,
    rivm: list[int] | tuple[int, ...] = (),
    grenzen: list[int] | tuple[int, ...] = (),
) -> dict:
    """Replay and ingest into ``url`` (default a SQLite file in ``folder``); the figures.

    ``grenzen``: boundary years (gemeente, wijk, buurt) served as PDOK's OGC API for the years
    it has one and as its WFS for older years, with the codes of the KWB replay."""
    settings = get_settings({"GELDSTROMEN_VAR_DIR": str(folder / "var")})
    gebieden = regios_nl(gemeenten=gemeenten)
    start = time.perf_counter()
    iv3_paginas: dict[str, str] = {}
    for jaar in iv3:
        iv3_paginas.update(iv3_pages(jaar, gemeenten))
    for jaar in vektis_jaren:
        schrijf_vektis(folder / "data", jaar, gemeenten)
    for jaar in rivm:
        iv3_paginas.update(rivm_replay.replay(BASE, jaar, gebieden))
    kaart = pdok_replay.Replay()
    vormen = pdok_replay.gebieden_nl(gemeenten=gemeenten) if grenzen else []
    for jaar in grenzen:
        if jaar in pdok.OGC_JAREN:
            kaart.ogc(jaar, vormen, pagina=1000)
        else:
            kaart.wfs(jaar, vormen, pagina=1000)
    voorbereiden_s = time.perf_counter() - start
    feed = CbsFeed(settings, base_url=BASE, wacht_s=0.001)
    bestanden = kwb_online(settings, kwb, feed=feed) + iv3_online(settings, iv3, feed=feed)
    bestanden += rivm_online(settings, rivm, feed=feed)
    bestanden += vektis.vind(folder / "data")
    if grenzen:
        bestanden += pdok.online_bestanden(settings, grenzen)
    pad = folder / "nationaal.sqlite"
    engine = db.make_engine(url or f"sqlite:///{pad}")
    kwb_paginas = KwbPaginas(kwb, gebieden)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        kaart.activeer(rsps)
        for tabel in kwb_paginas.tabellen:
            for naam in ("DataProperties", "TableInfos", "WijkenEnBuurten", "TypedDataSet"):
                rsps.add_callback(responses.GET, f"{BASE}/{tabel}/{naam}", kwb_paginas)
        for page_url, body in iv3_paginas.items():
            rsps.get(
                page_url.split("?")[0],
                body=body,
                content_type="application/json",
                match=[responses.matchers.query_string_matcher(urlsplit(page_url).query)],
            )
        start = time.perf_counter()
        result = ingest(engine, bestanden, progress=sys.stderr.isatty())
        seconds = time.perf_counter() - start
    per_tabel = tabel_bytes(engine)
    engine.dispose()
    cache = sum(p.stat().st_size for p in (folder / "var").rglob("*") if p.is_file())
    return {
        "kwb_jaren": kwb,
        "iv3_jaren": iv3,
        "vektis_jaren": vektis_jaren,
        "rivm_jaren": list(rivm),
        "grens_jaren": list(grenzen),
        "gebieden_per_jaar": len(gebieden),
        "rijen": result.rijen,
        "bronnen": len(result.nieuw),
        # the ingest call, including serving the replayed pages (made on first request)
        "ingest_s": round(seconds, 1),
        "replay_genereren_s": round(kwb_paginas.genereren_s, 1),
        "ingest_zonder_replay_s": round(seconds - kwb_paginas.genereren_s, 1),
        "voorbereiden_s": round(voorbereiden_s, 1),
        "store_bytes": pad.stat().st_size if url is None else None,
        "paginacache_bytes": cache,
        "bytes_per_tabel": per_tabel,
        "store": str(pad) if url is None else url,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jaren", default="2015-2025", help="KWB years, e.g. 2015-2025")
    parser.add_argument("--iv3", default="2015-2026", help="Iv3 years, e.g. 2015-2026")
    parser.add_argument("--vektis", default="2011-2023", help="Vektis years, e.g. 2011-2023")
    parser.add_argument("--rivm", default="2020,2022", help="RIVM editions, e.g. 2020,2022")
    parser.add_argument(
        "--grenzen", default="2015-2025", help="boundary years (PDOK), e.g. 2015-2025"
    )
    parser.add_argument("--gemeenten", type=int, default=342, help="number of gemeenten")
    parser.add_argument("--dir", default=None, help="folder for the store (default: temp)")
    parser.add_argument("--json", default=None, help="also write the figures as JSON")
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp(prefix="replay_"))
    folder.mkdir(parents=True, exist_ok=True)
    uit = draai(
        folder,
        jaren(args.jaren),
        jaren(args.iv3),
        jaren(args.vektis),
        args.gemeenten,
        rivm=jaren(args.rivm),
        grenzen=jaren(args.grenzen),
    )
    if args.json:
        Path(args.json).write_text(json.dumps(uit, indent=1), encoding="utf-8")
    print(
        f"KWB {args.jaren} ({uit['gebieden_per_jaar']} gebieden per jaar), Iv3 {args.iv3}, "
        f"Vektis {args.vektis}, RIVM {args.rivm}, grenzen {args.grenzen}: {uit['rijen']} rijen in {uit['ingest_s']:.0f} s (waarvan "
        f"{uit['replay_genereren_s']:.0f} s pagina's maken); database "
        f"{(uit['store_bytes'] or 0) / 1e6:.0f} MB, paginacache "
        f"{uit['paginacache_bytes'] / 1e6:.0f} MB ({folder})"
    )
    for naam, grootte in list(uit["bytes_per_tabel"].items())[:15]:
        print(f"  {naam:40} {grootte / 1e6:9.1f} MB")


if __name__ == "__main__":
    main()
