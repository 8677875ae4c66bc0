"""Done-criterion of the online ingest (issue 14): a replay of a full online ingest for a
gemeente outside the lab folder, Zwolle (GM0193), wijk and buurt, 2019-2024
(``tests/support/zwolle_replay.py``: KWB, Iv3, RIVM, Vektis and PDOK boundaries through their
online modules, recorded shapes, synthetic values). Every page from ``app_pages/`` shows numbers
for Zwolle, and ``geldstromen dekking`` has no silent holes.

What the online ingest cannot bring (files only) is named where a page uses it: the
gemeentefonds (Wijkprofiel's circulaire comparison), gemeenteklassen (Wijkprofiel's class
comparison), the Vektis benchmark of expected costs (Sociaal domein), energy prices (Scenario's
gas tariff). The page says so in Dutch; the rest of the page is filled.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
import streamlit as st
from click.testing import CliRunner

from geldstromen.cli import main
from tests.conftest import REPO
from tests.support import zwolle_replay as z

PAGINAS = sorted(p.name for p in (REPO / "app_pages").glob("*.py") if p.name != "__init__.py")
#: Pages that show data for a chosen gemeente; start.py is the empty-store page and
#: eigen_data.py shows the user's own upload (nothing to show before one).
DATAPAGINAS = [p for p in PAGINAS if p not in ("start.py", "eigen_data.py")]
NIVEAU_KEY = {"wijkprofiel.py": "wp_niveau"}
REGIO_KEY = {"wijkprofiel.py": "wp_regio"}


@pytest.fixture(scope="module")
def zwolle(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zwolle")
    url = f"sqlite:///{folder / 'zwolle.sqlite'}"
    pages = z.bouw(url, folder / "var")
    return url, pages


def _app(monkeypatch, url, page):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GELDSTROMEN_DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.query_params["gemeente"] = z.GM
    at.run()
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def _kwb_rijen(jaar: int) -> list[dict]:
    """The replayed TypedDataSet rows of one KWB year (recomputed from the served pages)."""
    return [
        r
        for u, b in z.kwb_pages(jaar).items()
        if "/TypedDataSet" in u
        for r in json.loads(b)["value"]
    ]


def _tekst(at) -> str:
    """What the page shows as text: headings, markdown, captions, metrics, tables and the
    data behind charts."""
    delen = [m.value for m in at.markdown] + [c.value for c in at.caption]
    delen += [h.value for h in [*at.title, *at.header, *at.subheader]]
    delen += [p.proto.spec for p in at.get("plotly_chart")]
    delen += [f"{m.label} {m.value}" for m in at.metric]
    for d in at.dataframe:
        delen.append(d.value.to_string())
    return "\n".join(delen)


_GETAL = re.compile(r"^[€ ]*-?\d[\d. ]*(,\d+)?( ?%)?$")


def _getallen(at) -> int:
    """How many numbers the page shows: numeric dataframe cells that are not null, text cells
    holding a Dutch-formatted number, and metric values with digits."""
    n = 0
    for d in at.dataframe:
        frame = d.value
        n += int(frame.select_dtypes("number").notna().to_numpy().sum())
        for col in frame.select_dtypes(exclude="number").columns:
            n += sum(bool(_GETAL.match(str(x).strip())) for x in frame[col])
    return n + sum(bool(re.search(r"\d", str(m.value))) for m in at.metric)


@pytest.mark.parametrize("niveau", ["wijk", "buurt"])
@pytest.mark.parametrize("page", DATAPAGINAS)
def test_every_page_shows_numbers_for_zwolle(monkeypatch, zwolle, page, niveau):
    url, _ = zwolle
    at = _app(monkeypatch, url, page)
    assert at.selectbox(key="gemeente").value == z.GM
    niveau_key = NIVEAU_KEY.get(page, "niveau")
    radios = {r.key for r in at.radio}
    if niveau_key in radios:
        at.radio(key=niveau_key).set_value(niveau).run()
        assert not at.exception, at.exception
    if page == "verbanden.py":  # the default y axis is the Vektis estimate (online since PC3)
        n = {"wijk": 4, "buurt": 12}[niveau] if niveau_key in radios else 4
        assert int(at.metric[0].value) > n // 2
    jaren = [2019, 2024] if "jaar" in {s.key for s in at.selectbox} else [None]
    for jaar in jaren:
        if jaar is not None:
            at.selectbox(key="jaar").set_value(jaar).run()
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
        tekst = _tekst(at)
        assert "geen gegevens" not in " ".join(i.value.lower() for i in at.info)
        gebieden = {c: n for c, n, soort in z.gebieden() if soort.lower() == niveau}
        if page != "bronnen.py":  # Bronnen lists sources, not regions
            assert "Zwolle" in tekst or z.GM in tekst
            if niveau_key in radios:  # a region of Zwolle at the chosen level, by code or name
                assert any(c in tekst or n in tekst for c, n in gebieden.items()), (page, jaar)
        assert _getallen(at) > 0, f"{page} {niveau} {jaar}: no numbers"


@pytest.mark.parametrize("niveau", ["wijk", "buurt"])
def test_kaart_every_year_has_zwolles_replayed_inhabitants(monkeypatch, zwolle, niveau):
    url, _ = zwolle
    at = _app(monkeypatch, url, "kaart.py")
    at.radio(key="niveau").set_value(niveau).run()
    at.selectbox(key="indicator").set_value("inwoners_aantal").run()
    prefix = "WK" if niveau == "wijk" else "BU"
    for jaar in z.JAREN:
        at.selectbox(key="jaar").set_value(jaar).run()
        assert not at.exception, at.exception
        tabel = at.dataframe[0].value.set_index("regio_code")
        rijen = [r for r in _kwb_rijen(jaar) if r["WijkenEnBuurten"].startswith(prefix)]
        verwacht = pd.Series(
            {r["WijkenEnBuurten"].strip(): r["AantalInwoners_5"] for r in rijen}, dtype=float
        )
        assert len(verwacht) == (4 if niveau == "wijk" else 12)
        pd.testing.assert_series_equal(
            tabel["waarde"].sort_index(), verwacht.sort_index(), check_names=False
        )
        assert set(tabel["jaar"]) == {jaar}
        met = int(verwacht.notna().sum())  # a suppressed cell (null) is missing, never 0
        assert 0 < met and f"{met} van {len(verwacht)} gebieden met een waarde" in " ".join(
            c.value for c in at.caption
        )


def test_sociaal_domein_rivm_and_vektis_online_and_says_what_needs_files(monkeypatch, zwolle):
    url, pages = zwolle
    at = _app(monkeypatch, url, "sociaal_domein.py")
    at.radio(key="niveau").set_value("buurt").run()
    assert not at.exception
    # RIVM online: the 2022 estimate (nearest to KWB 2024) per buurt, from the replayed rows
    kolom = "Eenzaam (18+, schatting)"
    rivm = next(d.value for d in at.dataframe if kolom in d.value.columns)
    rijen = [
        r
        for u, b in pages.items()
        if "50120NED/TypedDataSet" in u
        for r in json.loads(b)["value"]
        if r["Leeftijd"] == "20300" and r["WijkenEnBuurten"].startswith("BU")
    ]
    verwacht = {r["WijkenEnBuurten"].strip(): round(r["Eenzaam_27"], 1) for r in rijen}
    assert rivm.set_index("code")[kolom].to_dict() == verwacht
    assert any("Gezondheidsmonitor Volwassenen en Ouderen 2020 2022" in w.value for w in at.warning)
    assert any("2020 (indeling 2020), 2022 (indeling 2022)" in c.value for c in at.caption)
    # Vektis online: Zvw costs per buurt through the PC3 key, every shown buurt with a number
    zorg = next(d.value for d in at.dataframe if "Zvw-kosten (EUR per jaar)" in d.value.columns)
    assert len(zorg) >= 6 and zorg["code"].str.startswith("BU0193").all()
    assert zorg["Zvw-kosten (EUR per jaar)"].notna().all()
    assert any("driecijferige postcode (2023)" in c.value for c in at.caption)
    # the benchmark of expected costs is a derived file only: the page says so
    assert any("Geen vergelijking werkelijk-verwacht" in i.value for i in at.info)


def test_dekking_for_zwolle_has_no_silent_holes(zwolle):
    url, _ = zwolle
    result = CliRunner().invoke(
        main, ["dekking", "--database-url", url, "--gemeente", z.GM, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    tabel = pd.read_csv(io.StringIO(result.output), keep_default_na=False)
    assert set(tabel["jaar"]) == set(z.JAREN)
    assert set(tabel["niveau"]) == {"gemeente", "wijk", "buurt"}
    assert not tabel.duplicated(["jaar", "niveau", "indicator"]).any()
    ontbreekt = tabel[tabel["dekking"] == "ontbreekt"]
    assert (ontbreekt["reden"] != "").all()
    assert not ontbreekt["reden"].str.contains("onverklaard").any(), ontbreekt[
        ontbreekt["reden"].str.contains("onverklaard")
    ]
    regios = tabel.groupby("niveau")["regios"].max().to_dict()
    assert regios == {"gemeente": 1, "wijk": 4, "buurt": 12}
    # every KWB catalogue indicator the replay publishes has a value in every year and level
    gevuld = tabel[tabel["met_waarde"] > 0]
    per_jaar = gevuld.groupby(["jaar", "niveau"])["indicator"].nunique()
    assert per_jaar.min() >= 40
    assert {"inwoners_aantal", "woz_gem_eur"} <= set(
        gevuld.loc[(gevuld["jaar"] == 2019) & (gevuld["niveau"] == "buurt"), "indicator"]
    )
    # RIVM online: both editions, wijk and buurt, both age groups
    for jaar in (2020, 2022):
        rivm = gevuld[(gevuld["jaar"] == jaar) & gevuld["indicator"].str.startswith("gezondheid")]
        assert {"gezondheid18_eenzaam_pct", "gezondheid65_eenzaam_pct"} <= set(rivm["indicator"])
        assert set(rivm["niveau"]) == {"gemeente", "wijk", "buurt"}
    # the 2022 edition does not publish some 2020 topics: a reason, not a hole
    horen = tabel.set_index(["jaar", "niveau", "indicator"]).loc[
        (2022, "buurt", "gezondheid18_beperking_horen_pct")
    ]
    assert horen["dekking"] == "ontbreekt" and "50120NED" in horen["reden"]
    # and a topic new in 2022 has values then, and a reason in 2020
    klachten = tabel.set_index(["jaar", "niveau", "indicator"])
    assert klachten.loc[(2022, "buurt", "gezondheid65_psychische_klachten_pct"), "met_waarde"] == 12
    vroeger = klachten.loc[(2020, "buurt", "gezondheid65_psychische_klachten_pct")]
    assert vroeger["dekking"] == "ontbreekt" and "vanaf 2022" in vroeger["reden"]


def test_pages_are_all_classified_and_eigen_data_offers_the_upload(monkeypatch, zwolle):
    # a new page must be added to the sweep above (or named here with its reason)
    assert set(PAGINAS) - set(DATAPAGINAS) == {"start.py", "eigen_data.py"}
    url, _ = zwolle
    at = _app(monkeypatch, url, "eigen_data.py")
    assert at.selectbox(key="gemeente").value == z.GM
    assert len(at.get("file_uploader")) == 1
    assert any("Zwolle" in c.value and "2019-2024" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("page", "uitleg"),
    [
        ("wijkprofiel.py", "geen gemeentefonds voor uitkeringsjaar 2024"),
        ("wijkprofiel.py", "geen klassekenmerk gekozen of bekend"),
        ("energietransitie.py", "geen energieprijzen ingelezen"),
        ("energietransitie.py", "Budgetonderzoek (cbs_budget/) niet ingelezen"),
        ("scenario.py", "Geen variabel leveringstarief voor aardgas in de database"),
    ],
)
def test_what_needs_files_is_named_on_the_page(monkeypatch, zwolle, page, uitleg):
    """The parts the online ingest cannot fill (README and start page list them) say so."""
    url, _ = zwolle
    at = _app(monkeypatch, url, page)
    assert uitleg in _tekst(at)
