"""Scenario page (AppTest on the fixture store) and the `geldstromen scenario` CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from geldstromen.cli import main
from geldstromen.scenario.link import codeer
from tests.conftest import FIXTURES

GEBIED = {"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019", "regio": "WK999901"}
CONFIG = {
    "naam": "BSC",
    "disconteringsvoet_pct": 0,
    "interventies": [
        {
            "id": "buurtsportcoach",
            "eenheden": 2,
            "startjaar": 2025,
            "looptijd_jaar": 4,
            "effecten": {"zvw": {"per_eenheid": 100, "prijs": 150}},
        }
    ],
}


def _open(app, **extra):
    for key, value in {**GEBIED, **extra}.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("app_pages/scenario.py").run()
    assert not app.exception, app.exception
    return app


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_defaults_carry_sources_and_gaps_in_the_data_are_said_not_invented(app):
    at = _open(app)
    warns = " ".join(w.value for w in at.warning)
    # the fixture store has no koopwoningen_pct and no monthly energy prices
    assert "telt nog niet mee" in warns and "euro per m³" in warns
    assert (
        at.number_input(
            key="sc_WK999901_isolatie_koop_laag_inkomen_kosten_eenmalig_per_eenheid_eur"
        ).value
        == 6200
    )
    assert at.number_input(key="sc_WK999901_isolatie_koop_laag_inkomen_looptijd_jaar").value == 25
    captions = " ".join(c.value for c in at.caption)
    assert "ontbreekt in de wijkgegevens" in captions  # the fixture has no koopwoningen_pct
    assert "Bron: RVO, ISDE" in captions and "Bron: Milieu Centraal" in captions
    assert "Scenario" in at.info[0].value and "geen waarneming" in at.info[0].value


def test_shared_link_computes_the_scenario_per_party(app):
    at = _open(app, scenario=codeer(CONFIG))
    assert not at.warning
    m = _metrics(at)
    assert m["Gemeente"] == "€ -240.000"  # 4 years x 2 fte x 50.000 x 60%
    assert m["Rijk"] == "€ -160.000"
    assert m["Zorgverzekeraar"] == "€ 120.000"  # 4 x 2 x 100 x 150
    assert m["Huishoudens"] == "—"
    assert at.number_input(key="sc_WK999901_buurtsportcoach_eenheden").value == 2


def test_editing_an_assumption_changes_the_result_and_the_link(app):
    at = _open(app, scenario=codeer(CONFIG))
    voor = at.query_params["scenario"]
    at.number_input(key="sc_WK999901_buurtsportcoach_eenheden").set_value(3).run()
    assert not at.exception
    assert _metrics(at)["Gemeente"] == "€ -360.000"
    assert at.query_params["scenario"] != voor


def test_damaged_link_gives_a_dutch_error(app):
    at = _open(app, scenario="dit-is-geen-scenario")
    assert any("niet geladen" in e.value and "beschadigd" in e.value for e in at.error)


def test_save_and_compare_in_the_session(app):
    at = _open(app, scenario=codeer(CONFIG))
    at.button(key="sc_bewaar").click().run()
    at.text_input(key="sc_naam").set_value("BSC drie").run()
    at.number_input(key="sc_WK999901_buurtsportcoach_eenheden").set_value(3).run()
    at.button(key="sc_bewaar").click().run()
    at.multiselect(key="sc_vergelijk").set_value(["BSC", "BSC drie"]).run()
    assert not at.exception
    (vergelijk,) = [d.value for d in at.dataframe if d.value.columns.nlevels == 2]
    assert vergelijk.loc["Gemeente", ("BSC", "netto contant")] == "€ -240.000"
    assert vergelijk.loc["Gemeente", ("BSC drie", "netto contant")] == "€ -360.000"


def _cli(fixture_db_url, *args):
    return CliRunner().invoke(main, ["scenario", "--database-url", fixture_db_url, *args])


def test_cli_runs_a_saved_scenario(fixture_db_url, tmp_path):
    out = tmp_path / "s.csv"
    res = _cli(
        fixture_db_url,
        "--regio",
        "WK999901",
        "--jaar",
        "2019",
        "--config",
        str(FIXTURES / "scenario_buurtsportcoach.yaml"),
        "-o",
        str(out),
    )
    assert res.exit_code == 0, res.output
    tabel = pd.read_csv(out)
    assert set(tabel["methode"]) == {"scenario"}
    netto = tabel[(tabel["grootheid"] == "cumulatief_eur") & (tabel["jaar"] == 2028)]
    assert netto.set_index("partij").loc["zorgverzekeraar", "waarde"] == 120000
    bron = tabel[tabel["grootheid"] == "jaarlijkse kosten per eenheid (euro)"]["bron"].iloc[0]
    assert "Combinatiefuncties" in bron


def test_cli_xlsx(fixture_db_url, tmp_path):
    out = tmp_path / "s.xlsx"
    res = _cli(
        fixture_db_url,
        "--regio",
        "WK999901",
        "--jaar",
        "2019",
        "--config",
        str(FIXTURES / "scenario_buurtsportcoach.yaml"),
        "--format",
        "xlsx",
        "-o",
        str(out),
    )
    assert res.exit_code == 0, res.output
    meta = pd.read_excel(out, sheet_name="metadata").set_index("veld")["waarde"]
    assert meta["methode"] == "scenario"


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"id": "tovenarij"}, "onbekende interventie"),
        ({"kostenverdeling_pct": {"rijk": 50, "gemeente": 20}}, "telt op tot 70%"),
        ({"eenheden": -1}, "mag niet negatief zijn"),
        ({"looptijd_jaar": 0}, "looptijd (jaren) moet tussen 1 en 100 liggen"),
    ],
)
def test_cli_config_errors_exit_1_without_traceback(fixture_db_url, tmp_path, wijziging, melding):
    config = json.loads(json.dumps(CONFIG))
    config["interventies"][0].update(wijziging)
    pad = tmp_path / "c.json"
    pad.write_text(json.dumps(config), encoding="utf-8")
    res = _cli(fixture_db_url, "--regio", "WK999901", "--jaar", "2019", "--config", str(pad))
    assert res.exit_code == 1
    assert melding in res.output
    assert (
        "Traceback" not in res.output
        and res.exception is None
        or isinstance(res.exception, SystemExit)
    )


def test_cli_unknown_region(fixture_db_url):
    res = _cli(
        fixture_db_url,
        "--regio",
        "WK000000",
        "--jaar",
        "2019",
        "--config",
        str(FIXTURES / "scenario_buurtsportcoach.yaml"),
    )
    assert res.exit_code == 1 and "geen wijkgegevens" in res.output


def test_sankey_tooltip_keeps_commas_in_names():
    from geldstromen.scenario.app.grafieken import sankey

    links = pd.DataFrame(
        {
            "van": ["Gemeente"],
            "naar": ["Gemeente: 5 Sport, cultuur en recreatie"],
            "bedrag_eur": [1234567.0],
            "methode": ["toegerekend"],
            "bron": ["Iv3"],
        }
    )
    (tip,) = sankey(links, "t").data[0].link.customdata
    assert "Sport, cultuur en recreatie" in tip
    assert "€ 1.234.567" in tip


# --- robustness: wijk change, half-filled links, stale links (issue 15 item 9) -----------------

HALF = {
    "naam": "Half ingevuld",
    "disconteringsvoet_pct": 3,
    "interventies": [
        {
            "id": "isolatie_koop_laag_inkomen",
            "kosten_eenmalig_per_eenheid_eur": 7000,
            "kostenverdeling_pct": {"rijk": 30},
        },
        {"id": "buurtsportcoach", "eenheden": -1, "looptijd_jaar": 4},
        {"id": "tovenarij"},
    ],
}


def test_changing_the_wijk_shows_no_stale_link_error_and_renames_the_scenario(app):
    at = _open(app)
    assert at.text_input(key="sc_naam").value == "Scenario Wijk 01 Oud Testdorp"
    at.selectbox(key="regio").set_value("WK999902").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.text_input(key="sc_naam").value == "Scenario Wijk 02 Nieuw Testdorp & Veld"


def test_a_name_of_ones_own_survives_the_wijk_change(app):
    at = _open(app)
    at.text_input(key="sc_naam").set_value("Mijn plan").run()
    at.selectbox(key="regio").set_value("WK999902").run()
    assert at.text_input(key="sc_naam").value == "Mijn plan"


def test_half_filled_link_loads_what_is_valid_and_names_the_rest(app):
    at = _open(app, scenario=codeer(HALF))
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.multiselect(key="sc_interventies").value == [
        "isolatie_koop_laag_inkomen",
        "buurtsportcoach",
    ]
    pre = "sc_WK999901_"
    assert (
        at.number_input(
            key=pre + "isolatie_koop_laag_inkomen_kosten_eenmalig_per_eenheid_eur"
        ).value
        == 7000
    )
    assert at.number_input(key=pre + "buurtsportcoach_looptijd_jaar").value == 4
    # the invalid count is not loaded: the wijk's own default stays
    assert at.number_input(key=pre + "buurtsportcoach_eenheden").value != -1
    assert at.text_input(key="sc_naam").value == "Half ingevuld"
    warns = " ".join(w.value for w in at.warning)
    assert "deels geladen" in warns
    assert "onbekende interventie 'tovenarij'" in warns
    assert "aantal eenheden mag niet negatief zijn" in warns
    assert "kostenverdeling (nu 30%, moet 100% zijn)" in warns


def test_half_filled_link_then_wijk_change_gives_no_error(app):
    at = _open(app, scenario=codeer(HALF))
    at.selectbox(key="regio").set_value("WK999902").run()
    assert not at.exception and not at.error, [e.value for e in at.error]


def test_a_link_this_session_wrote_is_never_reapplied(app):
    """A rerun that carries an older link of this visit (the browser's address lags behind a
    quick edit) must not overwrite newer inputs or reset the tables."""
    at = _open(app, scenario=codeer(CONFIG))
    oud = at.query_params["scenario"]
    at.number_input(key="sc_WK999901_buurtsportcoach_eenheden").set_value(3).run()
    at.query_params["scenario"] = oud
    at.run()
    assert at.number_input(key="sc_WK999901_buurtsportcoach_eenheden").value == 3
    assert _metrics(at)["Gemeente"] == "€ -360.000"


def test_per_party_chart_title_says_what_the_net_marker_is():
    """The bars are nominal, the net marker follows the toggle: the title says both."""
    from geldstromen.scenario.app.grafieken import per_partij
    from geldstromen.scenario.model import PARTIJEN

    sam = pd.DataFrame(
        {
            "partij": list(PARTIJEN),
            "kosten_eur": [1.0] * len(PARTIJEN),
            "baten_eur": [2.0] * len(PARTIJEN),
            "netto_eur": [1.0] * len(PARTIJEN),
            "netto_contant_eur": [0.9] * len(PARTIJEN),
        }
    )
    assert "ruit: netto contant" in per_partij(sam, True).layout.title.text
    assert "ruit: netto nominaal" in per_partij(sam, False).layout.title.text
    assert "staven nominaal" in per_partij(sam, True).layout.title.text
