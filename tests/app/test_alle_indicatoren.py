"""Issue 15 item 11: an 'alle indicatoren' table per gemeente, level and year on the Kaart
page, the same table as ``geldstromen export indicatoren`` (read here with pandas defaults)."""

from __future__ import annotations

from tests.support.exportbestand import cli_export


def test_all_indicators_on_request_match_the_cli(app, fixture_db_url, tmp_path):
    app.query_params.update({"gemeente": "GM9999", "niveau": "wijk", "jaar": "2019"})
    app.run()
    at = app.switch_page("app_pages/kaart.py").run()
    assert not at.exception, at.exception
    at.toggle(key="kaart_alle_indicatoren").set_value(True).run()
    assert not at.exception, at.exception
    tabel = at.dataframe[-1].value
    tabel = getattr(tabel, "data", tabel)  # a Styler when formatted
    res, cli, pakket, _ = cli_export(
        [
            "export",
            "indicatoren",
            "--gemeente",
            "GM9999",
            "--niveau",
            "wijk",
            "--jaar",
            "2019",
            "--database-url",
            fixture_db_url,
        ],
        tmp_path,
    )
    assert res.exit_code == 0, res.output
    assert len(tabel) == len(cli) > 0
    assert {"methode", "bron", "eenheid", "waarde"} <= set(tabel.columns)
    assert sorted(tabel["indicator"].unique()) == sorted(cli["indicator"].unique())
    assert cli["waarde"].notna().sum() == tabel["waarde"].notna().sum()
    assert [f["name"] for f in pakket["resources"][0]["schema"]["fields"]] == list(cli.columns)
