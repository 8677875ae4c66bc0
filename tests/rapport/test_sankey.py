"""Report sankey (links, merging, drawing) and the Iv3/KWB year pairing of the report."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from geldstromen import db  # noqa: E402
from geldstromen.families.stromen import kies_iv3, koppeltekst  # noqa: E402
from geldstromen.rapport import maak_pdf, verzamel  # noqa: E402
from geldstromen.rapport import sankey as sk  # noqa: E402


def _flow(familie, van, naar, categorie, bedrag, methode="geschat", taakveld=None):
    return {
        "regio_code": "WK000101",
        "regio_naam": "Wijk A",
        "familie": familie,
        "van": van,
        "naar": naar,
        "categorie": categorie,
        "bedrag_eur": bedrag,
        "methode": methode,
        "taakveld_code": taakveld,
    }


@pytest.fixture
def stromen() -> pd.DataFrame:
    rows = [
        _flow(
            "gemeente", "GM0001", "WK000101", "6.3 Inkomensregelingen", 30.0, "toegerekend", "6.3"
        ),
        _flow("gemeente", "GM0001", "WK000101", "6.1 Samenkracht", 10.0, "toegerekend", "6.1"),
        _flow("gemeente", "GM0001", "WK000101", "0.1 Bestuur", 5.0, "toegerekend", "0.1"),
        _flow("gemeente", "WK000101", "GM0001", "baten 0.1", 7.0, "toegerekend", "0.1"),
        _flow("zorg", "zorgverzekeraars", "Wijk A", "GGZ", 4.0),  # region named, not coded
        _flow("huishoudens", "werk", "huishoudens", "Inkomen", 100.0),
        _flow("huishoudens", "huishoudens", "aanbieders", "Voeding", 20.0),
        _flow("huishoudens", "huishoudens", "aanbieders", "Negatief", -3.0),
        _flow("zorg", "zorgverzekeraars", "Wijk A", "Leeg", float("nan")),
    ]
    return pd.DataFrame(rows)


def test_links_follow_the_flows(stromen):
    links = sk.sankey_links(stromen, "WK000101", "Wijk A")
    regio = "regio|Wijk A"
    # gemeente lasten per hoofdtaakveld (6: 30 + 10, 0: 5) into the region; baten left out
    into = links[(links["naar"] == regio) & (links["familie"] == "gemeente")]
    assert into.set_index("van")["bedrag_eur"].to_dict() == {
        "gemeente|0 Bestuur en ondersteuning": 5.0,
        "gemeente|6 Sociaal domein": 40.0,
    }
    assert (into["methode"] == "toegerekend").all()
    # zorg names the region by name: it still ends in the region node
    assert links[(links["familie"] == "zorg") & (links["naar"] == regio)]["bedrag_eur"].sum() == 4
    # non-positive and missing amounts are not drawn
    assert not links["van"].str.contains("Negatief|Leeg").any()
    assert not links["naar"].str.contains("Negatief|Leeg").any()


def test_columns_and_merging_keep_every_amount(stromen):
    extra = [_flow("zorg", "zorgverzekeraars", "Wijk A", f"Soort {i}", 1.0 + i) for i in range(8)]
    links = sk.sankey_links(pd.concat([stromen, pd.DataFrame(extra)]), "WK000101", "Wijk A")
    kolom = sk.kolommen(links)
    assert kolom["gemeente|Gemeente (lasten)"] == 0 and kolom["regio|Wijk A"] == 2
    samen = sk.samenvoegen(links, max_per_kolom=4)
    assert sum(1 for n, k in sk.kolommen(samen).items() if k == 1) <= 4 + 2  # + 'overige' nodes
    assert samen["naar"].str.contains(r"overige \(").any()
    for fam in ("gemeente", "zorg", "huishoudens"):
        assert samen.loc[samen["familie"] == fam, "bedrag_eur"].sum() == pytest.approx(
            links.loc[links["familie"] == fam, "bedrag_eur"].sum()
        )
    assert sk.legenda(samen).startswith("gemeente: toegerekend")


def test_drawing_makes_a_band_per_link(stromen):
    links = sk.samenvoegen(sk.sankey_links(stromen, "WK000101", "Wijk A"))
    fig, ax = plt.subplots()
    sk.teken_sankey(ax, links)
    bands = [p for p in ax.patches if p.__class__.__name__ == "PathPatch"]
    assert len(bands) == len(links)
    assert any("Wijk A" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_nearest_iv3_year_prefers_jaarrekening():
    avail = pd.DataFrame(
        {
            "jaar": [2025, 2024, 2023, 2023],
            "stuk": ["begroting", "begroting", "begroting", "jaarrekening"],
        }
    )
    assert kies_iv3(avail, 2019) == (2023, "jaarrekening")
    assert kies_iv3(avail, 2024) == (2024, "begroting")
    assert kies_iv3(avail.iloc[:2], 2023) == (2024, "begroting")  # tie 2022/2024 absent: nearest
    assert kies_iv3(avail.iloc[:0], 2019) is None
    tekst = koppeltekst(2023, "jaarrekening", [2019, 2019], 2019)
    assert tekst.startswith("Iv3 jaarrekening 2023 toegerekend met sleutels uit KWB 2019")
    assert "geen Iv3 voor 2019" in tekst
    assert "geen Iv3" not in koppeltekst(2023, "begroting", [2023], 2023)


def test_report_pairs_iv3_with_the_report_year(fixture_db_url, tmp_path):
    gegevens = verzamel(db.make_engine(fixture_db_url), "WK999901", 2019)
    assert gegevens.koppeling is not None
    assert gegevens.koppeling.startswith("Iv3 begroting 2023 toegerekend met sleutels uit KWB 2019")
    gm = gegevens.stromen[gegevens.stromen["familie"] == "gemeente"]
    assert not gm.empty and set(gm["methode"]) == {"toegerekend"}
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    (tmp_path / "r.pdf").write_bytes(maak_pdf(gegevens, vandaag=date(2025, 3, 4)))
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "(sankey)" in text
    assert "Iv3 begroting 2023 toegerekend met sleutels uit KWB 2019" in " ".join(text.split())


def test_pdf_and_png_group_the_same_taakvelden(fixture_db_url, monkeypatch):
    """Issue 15 item 12: before, the PDF merged columns beyond 10 nodes and the PNG beyond 12,
    so different taakvelden fell under 'overige'. Both now draw the same links."""
    from geldstromen.rapport import figuren, maak_png

    getekend = []
    echt = figuren.teken_stromen

    def opnemen(*args, **kwargs):
        links = echt(*args, **kwargs)
        getekend.append(links.sort_values(["van", "naar", "familie"]).reset_index(drop=True))
        return links

    monkeypatch.setattr(figuren, "teken_stromen", opnemen)
    gegevens = verzamel(db.make_engine(fixture_db_url), "WK999901", 2019)
    basis = gegevens.stromen.iloc[0].to_dict()
    veel = [  # a crowded column: 16 zorg categories into the region
        {
            **basis,
            "familie": "zorg",
            "van": "zorgverzekeraars",
            "naar": gegevens.regio_naam,
            "categorie": f"zorgsoort {i}",
            "taakveld_code": None,
            "methode": "geschat",
            "bedrag_eur": 1000.0 + i,
        }
        for i in range(16)
    ]
    gegevens.stromen = pd.concat([gegevens.stromen, pd.DataFrame(veel)], ignore_index=True)
    maak_pdf(gegevens)
    maak_png(gegevens)
    assert len(getekend) == 2
    pd.testing.assert_frame_equal(getekend[0], getekend[1])
