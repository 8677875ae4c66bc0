"""Every download of every page, from a cold start without URL parameters, in headless
Chromium: each file opens as a researcher's tool opens it (``pandas.read_csv`` defaults; the
Excel-NL CSV with ``;`` and a decimal comma; xlsx with openpyxl), each zip holds a CSV and a
data package that frictionless validates, PDF and PNG are what they say. A screenshot of each
page goes to test-artifacts/export_<page>.png."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.conftest import ARTIFACTS
from tests.support.exportbestand import valideer_pakket

pytestmark = [pytest.mark.browser, pytest.mark.shared_data]

KLAAR = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PAGINAS = [
    "Kaart",
    "Vergelijk",
    "Tijdlijn",
    "Presentatie",
    "Scenario",
    "Eigen data",
    "Wijkprofiel",
    "Energietransitie",
    "Sociaal domein",
    "Verbanden",
    "Bronnen",
]
KNOP = '[data-testid="stMain"] [data-testid="stDownloadButton"] button'


def _wacht(page, ms: int = 800) -> None:
    for _ in range(2):
        page.wait_for_timeout(ms)
        page.locator(KLAAR).wait_for(timeout=180_000)


def controleer(pad: Path, map_: Path) -> str | None:
    """None when the file opens as it should, else why not."""
    naam = pad.name
    if naam.endswith("_nl.csv"):
        frame = pd.read_csv(pad, sep=";", decimal=",", encoding="utf-8-sig")
        return None if frame.shape[1] > 1 else "Excel-NL CSV met één kolom"
    if naam.endswith(".csv"):
        frame = pd.read_csv(pad)
        if frame.shape[1] < 2 or str(frame.columns[0]).startswith("#"):
            return f"CSV niet leesbaar met pandas-standaarden: {list(frame.columns)[:3]}"
        return None
    if naam.endswith(".xlsx"):
        import openpyxl

        return None if openpyxl.load_workbook(pad).sheetnames else "xlsx zonder bladen"
    if naam.endswith(".zip"):
        doel = map_ / f"{naam}_uit"
        with zipfile.ZipFile(pad) as zf:
            zf.extractall(doel)
        csvs = list(doel.rglob("*.csv"))
        pakketten = list(doel.rglob("*datapackage.json"))
        if not csvs or not pakketten:
            return f"zip zonder CSV of datapakket: {[p.name for p in doel.rglob('*')]}"
        for c in csvs:
            pd.read_csv(c)
        for p in pakketten:
            valideer_pakket(p)
        return None
    kop = pad.read_bytes()[:4]
    if naam.endswith(".pdf"):
        return None if kop == b"%PDF" else "geen PDF"
    if naam.endswith(".png"):
        return None if kop == b"\x89PNG" else "geen PNG"
    return f"onverwacht bestandstype {naam}"


def _download(page, knop, map_: Path) -> Path:
    for poging in range(2):  # a click during a rerun can be lost: try once more
        try:
            with page.expect_download(timeout=120_000 * (poging + 1)) as info:
                knop.click()
            pad = map_ / info.value.suggested_filename
            info.value.save_as(pad)
            return pad
        except Exception:
            if poging:
                raise
            _wacht(page)
    raise AssertionError("onbereikbaar")


def _verzamel(page, naam: str, map_: Path, gezien: list[str], fouten: list) -> None:
    """Click every visible download of the page (and of each tab) and check each new file."""
    tabs = page.locator('[data-testid="stMain"] button[role="tab"]')
    for tab in [None, *range(tabs.count())]:
        if tab is not None:
            tabs.nth(tab).click()
            _wacht(page, 400)
        knoppen = page.locator(KNOP)
        for i in range(knoppen.count()):
            knop = knoppen.nth(i)
            if not knop.is_visible():
                continue
            pad = _download(page, knop, map_)
            if pad.name in gezien:
                continue
            gezien.append(pad.name)
            if (reden := controleer(pad, map_)) is not None:
                fouten.append((naam, pad.name, reden))
            _wacht(page, 300)


#: What a user switches on to get more downloads of a page (after its defaults).
EXTRA = {
    "Kaart": [
        lambda page: page.get_by_text("Alle indicatoren van", exact=False).first.click(),
        lambda page: page.get_by_text("Toegerekende lasten per inwoner").first.click(),
    ],
}


def test_every_download_from_a_cold_start_opens_in_a_researchers_tools(
    browser, app_warm, streamlit_server, tmp_path
):
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="nl-NL", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(180_000)
    ARTIFACTS.mkdir(exist_ok=True)
    gezien: dict[str, list[str]] = {}
    fouten: list[tuple[str, str, str]] = []
    try:
        page.goto(streamlit_server)  # no parameters: the app's own defaults
        page.locator('[data-testid="stSidebarNav"]').first.wait_for()
        _wacht(page, 1500)
        for naam in PAGINAS:
            page.locator('[data-testid="stSidebarNav"] a', has_text=naam).first.click()
            _wacht(page, 1500)
            assert not page.locator('[data-testid="stException"]').count(), naam
            slug = naam.lower().replace(" ", "_")
            page.screenshot(path=str(ARTIFACTS / f"export_{slug}.png"), full_page=True)
            map_ = tmp_path / slug
            map_.mkdir()
            gezien[naam] = []
            _verzamel(page, naam, map_, gezien[naam], fouten)
            for actie in EXTRA.get(naam, []):
                actie(page)
                _wacht(page, 1500)
                _verzamel(page, naam, map_, gezien[naam], fouten)
    finally:
        context.close()
    print({k: v for k, v in gezien.items() if v})
    assert fouten == []
    # the pages with tables offer their downloads on a cold start
    for naam in ("Kaart", "Wijkprofiel", "Energietransitie", "Sociaal domein", "Bronnen"):
        soorten = {Path(n).suffix for n in gezien[naam]}
        assert {".csv", ".xlsx", ".zip"} <= soorten, (naam, gezien[naam])
    assert {".pdf", ".png"} <= {Path(n).suffix for n in gezien["Presentatie"]}
    kaart = " ".join(gezien["Kaart"])
    assert "indicatoren_GM" in kaart and "lasten_" in kaart, gezien["Kaart"]
    assert {".csv", ".xlsx", ".pdf"} <= {Path(n).suffix for n in gezien["Scenario"]}
    assert sum(len(v) for v in gezien.values()) >= 25


def test_controleer_says_why_a_file_does_not_open(tmp_path):
    """The checker itself can fail: a CSV with comment lines, a broken package, a fake PDF."""
    slecht = tmp_path / "a.csv"
    slecht.write_text("# bron: CBS\nregio,waarde\nWK1,1\n", encoding="utf-8")
    assert controleer(slecht, tmp_path) is not None
    nep = tmp_path / "r.pdf"
    nep.write_bytes(b"not a pdf")
    assert controleer(nep, tmp_path) == "geen PDF"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("x.csv", "jaar\r\n2018.0\r\n")
        zf.writestr(
            "x.datapackage.json",
            '{"resources":[{"name":"x","path":"x.csv","format":"csv",'
            '"schema":{"fields":[{"name":"jaar","type":"integer"}]}}]}',
        )
    (tmp_path / "x.zip").write_bytes(buf.getvalue())
    with pytest.raises(AssertionError):
        controleer(tmp_path / "x.zip", tmp_path)
