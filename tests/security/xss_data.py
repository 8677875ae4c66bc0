"""A copy of the synthetic fixture data whose region names are script/HTML/formula payloads."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from tests.conftest import FIXTURES
from tests.support.stores import ingest_soorten

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=alert(1)>"
FORMULE = '=HYPERLINK("http://example.invalid","klik")'

#: region code -> hostile name (the gemeente keeps a readable part so it can be found)
NAMEN = {
    "GM9999": f"Testdorp {IMG}",
    "WK999901": f"Oud {SCRIPT}",
    "WK999902": f"Nieuw & 's-Veld {IMG}",  # & and ' must not show as &amp; or &#x27;
    "BU99990101": f"Centrum {SVG}",
    "BU99990102": FORMULE,
    "BU99990201": f"Veld {SCRIPT}{IMG}",
}
#: every payload that must never be live HTML
PAYLOADS = (SCRIPT, IMG, SVG)
#: CSV cells for an upload (Eigen data) with the same payloads
UPLOAD_CSV = (
    f"regio_code;naam;toelichting;meldingen_aantal;{IMG}_aantal\n"
    f"WK999901;{SCRIPT};{IMG};12;{SCRIPT}\n"
    f"WK999902;{IMG};{SVG};7;3\n"
)


def _hernoem(features: list[dict], code_key: str, naam_key: str) -> None:
    for feature in features:
        props = feature["properties"]
        if props.get(code_key) in NAMEN:
            props[naam_key] = NAMEN[props[code_key]]
        if "gemeentenaam" in props:
            props["gemeentenaam"] = NAMEN["GM9999"]


def maak_xss_data(target: Path) -> Path:
    """Copy tests/fixtures/data to ``target`` with hostile names in every geometry layer and
    in the Iv3 and gemeentefonds files (so they still match the gemeente by name)."""
    shutil.copytree(FIXTURES / "data", target)
    geo = target / "geo"
    for path, code, naam in (
        (geo / "cbs_gemeenten_2024_gegeneraliseerd.geojson", "statcode", "statnaam"),
        (geo / "pdok_cbs_buurten_2015_testdorp.geojson", "buurtcode", "buurtnaam"),
    ):
        data = json.loads(path.read_text(encoding="utf-8"))
        _hernoem(data["features"], code, naam)
        path.write_text(json.dumps(data), encoding="utf-8")
    wijken = geo / "pdok_cbs_wijken_2024_simplified.geojson.gz"
    data = json.loads(gzip.decompress(wijken.read_bytes()))
    _hernoem(data["features"], "wijkcode", "wijknaam")
    wijken.write_bytes(gzip.compress(json.dumps(data).encode()))
    _buurten_2015(target)
    for path in [*(target / "iv3").iterdir(), *(target / "gemeentefonds").iterdir()]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Testdorp", NAMEN["GM9999"]), encoding="utf-8")
    return target


#: Land area (ha) of the fixture buurten, as in the fixture's KWB 2019 file.
LAND_HA = {"BU99990101": 300, "BU99990102": 200, "BU99990201": 700}


def _buurten_2015(target: Path) -> None:
    """The 2015 buurt polygons as a KWB 2015 layer (the geometry reader takes this file for
    buurt 2015 instead): hostile names and the same land area as in 2019, so that the 2019
    buurten provably carry their 2015 names (int_regio__naam)."""
    bron = json.loads(
        (target / "geo" / "pdok_cbs_buurten_2015_testdorp.geojson").read_text(encoding="utf-8")
    )
    features = [
        {
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {
                "BU_CODE": code,
                "BU_NAAM": NAMEN[code],
                "GM_CODE": "GM9999",
                "GM_NAAM": NAMEN["GM9999"],
                "OPP_LAND": LAND_HA[code],
            },
        }
        for f in bron["features"]
        if (code := f["properties"]["buurtcode"]) in LAND_HA
    ]
    assert {f["properties"]["BU_CODE"] for f in features} == set(LAND_HA)
    doel = target / "cbs_kwb_2015_geo"
    doel.mkdir(exist_ok=True)
    collectie = {"type": "FeatureCollection", "features": features}
    (doel / "cbs_buurt_2015_kwb.geojson").write_text(json.dumps(collectie), encoding="utf-8")


def xss_store(tmp: Path) -> str:
    """A SQLite store of the hostile-names data, built under ``tmp``; returns its URL."""
    url = f"sqlite:///{tmp / 'xss.sqlite'}"
    ingest_soorten(url, maak_xss_data(tmp / "data"))
    return url
