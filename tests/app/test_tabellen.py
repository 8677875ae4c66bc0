"""Table display: Dutch number format, a dash for missing values, years without separators."""

import numpy as np
import pandas as pd

from geldstromen.ui.tabellen import kolom_decimalen, opgemaakt


def test_dutch_format_dash_for_missing_and_plain_years():
    frame = pd.DataFrame(
        {
            "code": ["WK1", "WK2"],
            "jaar": [2019, 2019],
            "bedrag_eur": [27996033.4, np.nan],
            "verhouding": [1.0755, 0.9],
            "per 1000 inwoners": [12.34, 56.78],
        }
    )
    assert kolom_decimalen(frame) == {"bedrag_eur": 0, "verhouding": 2, "per 1000 inwoners": 1}
    text = opgemaakt(frame).to_string()
    assert "27.996.033" in text and "1,08" in text and "12,3" in text
    assert "2019" in text and "2.019" not in text
    assert "–" in text and "nan" not in text.lower()


def test_a_year_column_with_a_gap_shows_plain_years():
    """Bronnen (screenshot): jaar with an empty cell is float and showed 2018.000000."""
    text = opgemaakt(pd.DataFrame({"jaar": [2018.0, np.nan]})).to_string()
    assert "2018" in text and "2018.0" not in text and "2.018" not in text and "–" in text


def test_large_tables_are_not_styled():
    frame = pd.DataFrame({"x": np.arange(5_000, dtype=float)})
    assert opgemaakt(frame) is frame


def test_every_download_carries_methode_bron_and_a_valid_data_package(monkeypatch, tmp_path):
    """Issue 15 item 11: the table downloads (here Sociaal domein's shape) carry methode and
    bron; the zip holds a plain CSV that pandas reads with its defaults and a data package
    that frictionless validates against that CSV."""
    import io
    import zipfile

    import streamlit as st

    from geldstromen.ui import tabellen
    from tests.support.exportbestand import valideer_pakket

    knoppen = {}
    monkeypatch.setattr(st, "dataframe", lambda *a, **kw: None)
    monkeypatch.setattr(st, "caption", lambda *a, **kw: None)

    class Kolom:
        def download_button(self, label, data, file_name, mime, key, **kw):
            knoppen[file_name] = data() if callable(data) else data

    monkeypatch.setattr(st, "columns", lambda n: [Kolom() for _ in range(n)])
    frame = pd.DataFrame(
        {"code": ["WK036300", "WK036301"], "gebied": ["A", "=B"], "Bijstand (aantal)": [10, None]}
    )
    tabellen.waarde_tabel(frame, "sociaal_x", methode="waargenomen", bron="CBS KWB 2019")
    assert set(knoppen) == {"sociaal_x.csv", "sociaal_x_nl.csv", "sociaal_x.xlsx", "sociaal_x.zip"}
    csv = pd.read_csv(io.BytesIO(knoppen["sociaal_x.csv"]))
    assert list(csv.columns) == ["code", "gebied", "Bijstand (aantal)", "methode", "bron"]
    assert set(csv["methode"]) == {"waargenomen"} and set(csv["bron"]) == {"CBS KWB 2019"}
    assert csv["Bijstand (aantal)"].isna().sum() == 1  # missing stays missing, never 0
    with zipfile.ZipFile(io.BytesIO(knoppen["sociaal_x.zip"])) as zf:
        zf.extractall(tmp_path)
    assert pd.read_csv(tmp_path / "sociaal_x.csv").equals(csv)
    pakket = valideer_pakket(tmp_path / "sociaal_x.datapackage.json")
    velden = pakket["resources"][0]["schema"]["fields"]
    assert [v["name"] for v in velden][-2:] == ["methode", "bron"]
    assert pakket["geldstromen"]["methode"] == "waargenomen"
    assert "'=B" in set(csv["gebied"])  # the cells stay neutralised against formulas


def test_a_year_column_with_a_gap_is_written_as_integers_the_package_declares(
    monkeypatch, tmp_path
):
    """The Bronnen download (Chromium walk): ``jaar`` is empty for some sources, so pandas holds
    it as float and wrote 2018.0, which frictionless refused as "integer" (the package type
    of ``jaar``). Whole numbers are written as integers; a column with fractions is a number."""
    import io
    import zipfile

    import streamlit as st

    from geldstromen.domain.export import datapakket
    from geldstromen.ui import tabellen
    from tests.support.exportbestand import valideer_pakket

    knoppen = {}
    monkeypatch.setattr(st, "dataframe", lambda *a, **kw: None)
    monkeypatch.setattr(st, "caption", lambda *a, **kw: None)

    class Kolom:
        def download_button(self, label, data, file_name, mime, key, **kw):
            knoppen[file_name] = data() if callable(data) else data

    monkeypatch.setattr(st, "columns", lambda n: [Kolom() for _ in range(n)])
    frame = pd.DataFrame({"bron_id": ["a", "b", "c"], "jaar": [2018.0, None, 2019.0]})
    tabellen.waarde_tabel(frame, "bronnen_x", methode="waargenomen", bron="register")
    tekst = knoppen["bronnen_x.csv"].decode("utf-8")
    assert "2018.0" not in tekst and "2018" in tekst
    with zipfile.ZipFile(io.BytesIO(knoppen["bronnen_x.zip"])) as zf:
        zf.extractall(tmp_path)
    pakket = valideer_pakket(tmp_path / "bronnen_x.datapackage.json")
    velden = {v["name"]: v["type"] for v in pakket["resources"][0]["schema"]["fields"]}
    assert velden["jaar"] == "integer"
    breuk = datapakket(pd.DataFrame({"jaar": [2018.5, None]}), {}, "x.csv")
    assert breuk["resources"][0]["schema"]["fields"][0]["type"] == "number"
