"""``geldstromen dekking`` on a store ingested from a real-shape KWB replay: every year x level
x indicator is listed, missing cells say why, counts recomputed from the replay rows."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import responses
from click.testing import CliRunner

from data_sources.cbs_odata import CbsFeed
from data_sources.ingest import ingest
from data_sources.online import kwb_online
from geldstromen import db
from geldstromen.cli import main
from geldstromen.cli.dekking import dekking_van
from geldstromen.config import get_settings
from geldstromen.domain.catalogus import indicator_catalogue
from tests.data_sources.test_online_replay import BASE, _register
from tests.support.kwb_replay import regios, replay

INKOMEN = "GemiddeldInkomenPerInwoner_83"


@pytest.fixture
def store(tmp_path, database_url):
    pages = replay(BASE, paginagrootte=6)
    # income not yet published for this edition: every cell null
    pages = {
        u: json.dumps(
            {**json.loads(b), "value": [{**r, INKOMEN: None} for r in json.loads(b)["value"]]}
        )
        if "TypedDataSet" in u
        else b
        for u, b in pages.items()
    }
    settings = get_settings({"GELDSTROMEN_VAR_DIR": str(tmp_path / "var")})
    url = database_url  # both SQLite and PostgreSQL
    with responses.RequestsMock() as rsps:
        _register(rsps, pages)
        feed = CbsFeed(settings, base_url=BASE, wacht_s=0.001)
        ingest(db.make_engine(url), kwb_online(settings, [2024], feed=feed))
    rows = [r for u, b in pages.items() if "TypedDataSet" in u for r in json.loads(b)["value"]]
    return url, rows


def test_every_cell_is_listed_with_a_count_or_a_reason(store):
    url, rows = store
    tabel = dekking_van(db.make_engine(url)).set_index(["jaar", "niveau", "indicator"])
    n_ind = indicator_catalogue()["indicator"].nunique()
    assert len(tabel) == 1 * 3 * n_ind and not tabel.index.duplicated().any()
    assert ((tabel["dekking"] == "ontbreekt") == (tabel["met_waarde"] == 0)).all()
    assert (tabel.loc[tabel["dekking"] == "ontbreekt", "reden"] != "").all()  # no silent hole
    # recomputed from the replay: buurten with a published WOZ value
    buurten = [r for r in rows if r["WijkenEnBuurten"].startswith("BU")]
    woz = sum(r["GemiddeldeWOZWaardeVanWoningen_39"] is not None for r in buurten)
    assert tabel.loc[(2024, "buurt", "woz_gem_eur"), "dekking"] == f"{woz}/{len(buurten)}"
    assert len(buurten) == sum(s == "Buurt" for _, _, s in regios())
    woningen = sum(r["Woningvoorraad_35"] is not None for r in buurten)
    assert woningen < len(buurten)  # the replay suppresses some cells
    assert tabel.loc[(2024, "buurt", "woningen_aantal"), "met_waarde"] == woningen
    assert "zonder waarde" in tabel.loc[(2024, "buurt", "woningen_aantal"), "reden"]
    voor2000 = tabel.loc[(2024, "wijk", "bouwjaar_voor_2000_pct")]
    assert (
        voor2000["dekking"] == "ontbreekt" and "niet gepubliceerd in KWB 2024" in voor2000["reden"]
    )
    assert "vanaf KWB 2025" in tabel.loc[(2024, "gemeente", "aardgasvrije_woningen_pct"), "reden"]
    inkomen = tabel.loc[(2024, "gemeente", "inkomen_per_inwoner_eur")]
    assert inkomen["dekking"] == "ontbreekt" and "alle cellen leeg" in inkomen["reden"]
    cat = indicator_catalogue()
    alleen_rivm = set(cat.loc[cat["soort"] == "rivm_18plus", "indicator"]) - set(
        cat.loc[cat["soort"] != "rivm_18plus", "indicator"]
    )
    assert alleen_rivm
    for indicator in alleen_rivm:  # a family with no source in the store at all
        assert "geen bron (rivm_18plus) van 2024" in tabel.loc[(2024, "wijk", indicator), "reden"]


def test_cli_prints_the_table_csv_and_summary(store):
    url, _ = store
    runner = CliRunner()
    out = runner.invoke(main, ["dekking", "--database-url", url, "--niveau", "buurt"])
    assert out.exit_code == 0, out.output
    assert "== 2024 buurt" in out.output and "ontbreekt" in out.output
    csv = runner.invoke(main, ["dekking", "--database-url", url, "--format", "csv"])
    from io import StringIO

    frame = pd.read_csv(StringIO(csv.output))
    assert list(frame.columns) == [
        "jaar",
        "niveau",
        "indicator",
        "met_waarde",
        "regios",
        "dekking",
        "reden",
    ]
    som = runner.invoke(main, ["dekking", "--database-url", url, "--format", "samenvatting"])
    assert som.exit_code == 0 and "onverklaard" in som.output


def test_cli_on_an_empty_store_is_a_dutch_message(tmp_path):
    url = f"sqlite:///{tmp_path / 'leeg.sqlite'}"
    out = CliRunner().invoke(main, ["dekking", "--database-url", url])
    assert out.exit_code == 1 and "Fout: de database is leeg" in out.output
