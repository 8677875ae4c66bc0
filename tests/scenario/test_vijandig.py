"""Hostile scenario configs (issue: scenario links and configs are trusted): every case gives one
Dutch message on the page (shared link) and in the CLI (YAML and JSON file), never a traceback,
a hang or a computation of the hostile values."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from geldstromen.cli import main
from geldstromen.scenario.config import ScenarioFout
from geldstromen.scenario.link import decodeer
from tests.scenario.test_pagina import _open
from tests.scenario.vijandig import ALIASEN, GEVALLEN, GOED, ZIPBOM, Geval

LINK = [*GEVALLEN, ZIPBOM]
BESTAND = [*GEVALLEN, ALIASEN]


@pytest.mark.parametrize("geval", LINK, ids=lambda g: g.naam)
def test_hostile_link_gives_one_dutch_message(geval: Geval):
    with pytest.raises(ScenarioFout) as exc:
        decodeer(geval.link())
    tekst = " ".join(exc.value.meldingen)
    assert geval.melding in tekst, tekst
    assert len(tekst) < 2000  # the message never echoes the payload


@pytest.mark.parametrize("geval", LINK, ids=lambda g: g.naam)
def test_hostile_link_on_the_page_is_refused_or_loaded_without_the_bad_part(app, geval: Geval):
    """The page refuses a link it cannot use, or loads the valid part of it and names what it
    left out (never the hostile value itself)."""
    at = _open(app, scenario=geval.link())
    fouten = " ".join(e.value for e in at.error)
    deels = " ".join(w.value for w in at.warning if "deels geladen" in w.value)
    assert ("niet geladen" in fouten and geval.melding in fouten) or geval.melding in deels, (
        fouten + deels
    )
    for n in at.number_input:
        assert n.value is None or abs(n.value) < 1e12
    assert at.multiselect(key="sc_interventies").value != ["buurtsportcoach"] * 2


def _cli(fixture_db_url, pad):
    return CliRunner().invoke(
        main,
        [
            "scenario",
            "--database-url",
            fixture_db_url,
            "--regio",
            "WK999901",
            "--jaar",
            "2019",
            "--config",
            str(pad),
        ],
    )


@pytest.mark.parametrize("soort", ["yaml", "json"])
@pytest.mark.parametrize("geval", BESTAND, ids=lambda g: g.naam)
def test_hostile_config_file_exits_1_with_one_dutch_message(fixture_db_url, tmp_path, geval, soort):
    if soort == "json" and geval is ALIASEN:
        pytest.skip("JSON has no aliases")
    pad = tmp_path / f"c.{soort}"
    pad.write_text(geval.yaml_tekst() if soort == "yaml" else geval.json_tekst(), "utf-8")
    res = _cli(fixture_db_url, pad)
    assert res.exit_code == 1, res.output
    assert isinstance(res.exception, SystemExit), res.exception
    assert res.output.startswith("Fout:") and geval.melding in res.output, res.output
    assert "Traceback" not in res.output and len(res.output) < 2000


def test_the_good_config_still_runs(fixture_db_url, tmp_path):
    pad = tmp_path / "c.yaml"
    pad.write_text(Geval("goed", "", GOED).yaml_tekst(), "utf-8")
    res = _cli(fixture_db_url, pad)
    assert res.exit_code == 0, res.output


@pytest.mark.parametrize(
    ("inhoud", "naam", "melding"),
    [
        (b"\xff\xfe\x00\x01binary", "c.yaml", "geen tekstbestand in UTF-8"),
        (b"x" * 70_000, "c.yaml", "te groot"),
        (b"naam: [unclosed", "c.yaml", "geen geldige YAML (regel 1)"),
        (b'{"naam": ', "c.json", "geen geldige JSON (regel 1)"),
        (b"naam: x", "c.txt", "gebruik een .yaml-, .yml- of .json-bestand"),
    ],
)
def test_unreadable_config_file_exits_1_in_dutch(fixture_db_url, tmp_path, inhoud, naam, melding):
    pad = tmp_path / naam
    pad.write_bytes(inhoud)
    res = _cli(fixture_db_url, pad)
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit), res.output
    assert melding in res.output, res.output
