"""Time and store size of an online ingest at national size, on a replay (no internet).

Serves synthetic CBS responses in the real shape (``tests/support/kwb_replay.py``: the real
85984NED metadata, 10,000-row pages) for KWB years at national size (342 gemeenten, 3,420
wijken, 13,680 buurten) and, with ``--iv3``, an Iv3 year (342 gemeenten x 70 taakvelden x 8
categories x begroting and jaarrekening), runs the real ``ingest`` into a fresh SQLite file and
prints wall time, rows and file size. Usage::

    python scripts/replay_nationaal.py [--jaren 2024] [--iv3 2024] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import responses

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_sources.cbs_odata import CbsFeed  # noqa: E402
from data_sources.ingest import ingest  # noqa: E402
from data_sources.iv3_online import IV3_TABELLEN, iv3_online  # noqa: E402
from data_sources.online import KWB_TABELLEN, kwb_online  # noqa: E402
from geldstromen import db  # noqa: E402
from geldstromen.config import get_settings  # noqa: E402
from tests.support.kwb_replay import regios_nl, replay  # noqa: E402

BASE = "https://replay.invalid/ODataFeed/odata"


def _iv3_pages(jaar: int, gemeenten: int = 342) -> dict[str, str]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jaren", default="2024", help="KWB years, e.g. 2015,2024")
    parser.add_argument("--iv3", default="", help="Iv3 years, e.g. 2024")
    parser.add_argument("--dir", default=None, help="folder for the store (default: temp)")
    args = parser.parse_args()
    jaren = [int(j) for j in args.jaren.split(",") if j]
    iv3 = [int(j) for j in args.iv3.split(",") if j]
    folder = Path(args.dir or tempfile.mkdtemp(prefix="replay_"))
    settings = get_settings({"GELDSTROMEN_VAR_DIR": str(folder / "var")})
    pages: dict[str, str] = {}
    gebieden = regios_nl()
    for jaar in jaren:  # every year served with the 2024 metadata, under its own table id
        for url, body in replay(BASE, gebieden=gebieden).items():
            pages[url.replace("85984NED", KWB_TABELLEN[jaar])] = body
    for jaar in iv3:
        pages.update(_iv3_pages(jaar))
    feed = CbsFeed(settings, base_url=BASE, wacht_s=0.001)
    bestanden = kwb_online(settings, jaren, feed=feed) + iv3_online(settings, iv3, feed=feed)
    engine = db.make_engine(f"sqlite:///{folder / 'nationaal.sqlite'}")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        for url, body in pages.items():
            rsps.get(
                url.split("?")[0],
                body=body,
                content_type="application/json",
                match=[responses.matchers.query_string_matcher(urlsplit(url).query)],
            )
        start = time.perf_counter()
        result = ingest(engine, bestanden, progress=True)
        seconds = time.perf_counter() - start
    engine.dispose()
    size = (folder / "nationaal.sqlite").stat().st_size
    cache = sum(p.stat().st_size for p in (folder / "var").rglob("*") if p.is_file())
    print(
        f"KWB {jaren} ({len(gebieden)} gebieden per jaar), Iv3 {iv3}: {result.rijen} rijen in "
        f"{seconds:.0f} s; database {size / 1e6:.0f} MB, paginacache {cache / 1e6:.0f} MB "
        f"({folder})"
    )


if __name__ == "__main__":
    main()
