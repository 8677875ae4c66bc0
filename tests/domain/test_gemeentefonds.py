"""Gemeentefonds as the income side: conservation per cluster and a balanced region."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from geldstromen.domain.gemeentefonds import (
    VAN_FONDS,
    VAN_OVERIG,
    Fonds,
    circulaire_label,
    circulaires,
    clusters,
    gemeentefonds_toerekenen,
    inkomsten,
)

FONDS = Fonds("GM9999", "Testdorp", 2025, "S2024")


def _lasten(rows):
    """rows: (regio_code, niveau, taakveld_code, euro)."""
    return pd.DataFrame(
        {
            "regio_code": [r[0] for r in rows],
            "regio_naam": [f"naam {r[0]}" for r in rows],
            "niveau": [r[1] for r in rows],
            "taakveld_code": [r[2] for r in rows],
            "bedrag_eur": [float(r[3]) for r in rows],
        }
    )


def _cents(s):
    return int((s * 100).round().sum())


def test_cluster_follows_lasten_of_its_taakvelden():
    lasten = _lasten(
        [
            ("WK1", "wijk", "6.72a", 300),  # jeugd, via reeks 6.72
            ("WK2", "wijk", "6.72a", 100),
            ("WK1", "wijk", "6.3", 50),
            ("WK2", "wijk", "6.3", 150),
            ("GM9999", "gemeente", "6.82", 100),  # gemeentebreed jeugd lasten
        ]
    )
    fonds = pd.DataFrame(
        {
            "cluster": ["Individuele voorzieningen Jeugd", "Participatie", "Totaal"],
            "bedrag_eur": [1000.0, 400.0, 1400.0],
        }
    )
    rows = gemeentefonds_toerekenen(lasten, fonds, FONDS).set_index(["regio_code", "categorie"])
    jeugd = "gemeentefonds: Individuele voorzieningen Jeugd"
    assert rows.loc[("WK1", jeugd), "bedrag_eur"] == 600.0
    assert rows.loc[("WK2", jeugd), "bedrag_eur"] == 200.0
    assert rows.loc[("GM9999", jeugd), "bedrag_eur"] == 200.0  # share of gemeentebreed lasten
    assert rows.loc[("WK2", "gemeentefonds: Participatie"), "bedrag_eur"] == 300.0
    assert set(rows["van"]) == {VAN_FONDS} and set(rows["naar"]) == {"GM9999"}
    assert "Totaal" not in " ".join(rows.index.get_level_values(1))
    assert "septembercirculaire 2024" in rows["bron"].iloc[0]


def test_difference_between_totaal_and_clusters_stays_visible():
    lasten = _lasten([("WK1", "wijk", "6.3", 10)])
    fonds = pd.DataFrame({"cluster": ["Participatie", "Totaal"], "bedrag_eur": [100.0, 100.07]})
    rows = gemeentefonds_toerekenen(lasten, fonds, FONDS).set_index("categorie")
    row = rows.loc["gemeentefonds: verschil Totaal en som clusters"]
    assert row["regio_code"] == "GM9999" and row["bedrag_eur"] == 0.07
    assert round(rows["bedrag_eur"].sum(), 2) == 100.07


def test_cluster_without_lasten_stays_with_the_gemeente_and_missing_is_left_out():
    lasten = _lasten([("WK1", "wijk", "6.3", 10)])
    fonds = pd.DataFrame({"cluster": ["Onderwijs", "Overig"], "bedrag_eur": [70.0, None]})
    rows = gemeentefonds_toerekenen(lasten, fonds, FONDS)
    assert list(rows["regio_code"]) == ["GM9999"]
    assert rows["sleutel"].iloc[0].startswith("niet toegerekend")


def test_overige_middelen_balance_the_region():
    lasten = _lasten([("WK1", "wijk", "6.3", 100), ("WK1", "wijk", "0.5", 40)])
    fonds = pd.DataFrame({"cluster": ["Participatie"], "bedrag_eur": [30.0]})
    rows = inkomsten(lasten, fonds, FONDS)
    wk = rows[rows["regio_code"] == "WK1"].set_index("van")["bedrag_eur"]
    assert wk[VAN_FONDS] == 30.0 and wk[VAN_OVERIG] == 110.0
    assert set(rows["methode"]) == {"toegerekend"}


def test_circulaire_choice_and_label():
    avail = pd.DataFrame(
        {
            "circulaire": ["M2024", "S2024", "M2023", "S2023"],
            "uitkeringsjaar": [2025, 2025, 2024, 2024],
        }
    )
    assert circulaires(avail, 2025) == ["S2024", "M2024"]
    assert circulaires(avail, 2023) == []
    assert circulaire_label("M2024") == "meicirculaire 2024"


def test_cluster_table_names_real_taakvelden():
    from geldstromen.domain.taakvelden import taakvelden

    reeksen = set(taakvelden()["reeks_code"])
    for codes in clusters()["reeks_codes"]:
        if codes != "*":
            assert set(codes.split()) <= reeksen, codes


_codes = st.sampled_from(["6.3", "6.72a", "6.1", "2.1", "0.1", "4.2", "8.2", "0.5"])
_regio = st.sampled_from(["WK1", "WK2", "WK3", "GM9999"])
_cluster = st.sampled_from(list(clusters()["cluster"]))


@settings(max_examples=150, deadline=None)
@given(
    lasten=st.lists(
        st.tuples(_regio, _codes, st.integers(-(10**9), 10**11)), min_size=0, max_size=25
    ),
    fonds=st.lists(
        st.tuples(_cluster, st.integers(-(10**11), 10**11)), max_size=12, unique_by=lambda t: t[0]
    ),
)
def test_conservation_per_cluster_and_balance(lasten, fonds):
    frame = _lasten(
        [(r, "gemeente" if r == "GM9999" else "wijk", c, cent / 100) for r, c, cent in lasten]
    )
    per_cluster = pd.DataFrame(
        {"cluster": [f[0] for f in fonds], "bedrag_eur": [f[1] / 100 for f in fonds]}
    )
    rows = inkomsten(frame, per_cluster, FONDS)
    gf = rows[rows["van"] == VAN_FONDS]
    for cluster, cent in fonds:
        got = gf[gf["categorie"] == f"gemeentefonds: {cluster}"]["bedrag_eur"]
        assert _cents(got) == cent
    # per region: gemeentefonds + overige middelen == allocated lasten, to the cent
    for code in set(frame["regio_code"]):
        mine = rows[rows["regio_code"] == code]["bedrag_eur"]
        assert _cents(mine) == _cents(frame[frame["regio_code"] == code]["bedrag_eur"])


def _circ(rows):
    """rows: (circulaire, uitkeringsjaar, cluster, euro)."""
    return pd.DataFrame(rows, columns=["circulaire", "uitkeringsjaar", "cluster", "bedrag_eur"])


def test_aansluiting_against_previous_circulaire_and_iv3():
    from geldstromen.domain.gemeentefonds import aansluiting, vorige_circulaire

    alle = _circ(
        [
            ("M2024", 2024, "Participatie", 100.0),
            ("M2024", 2024, "Overig", 0.0),
            ("M2024", 2024, "Totaal", 100.0),
            ("S2024", 2024, "Participatie", 104.0),  # +4 %: no flag
            ("S2024", 2024, "Overig", 10.0),  # from 0: flagged
            ("S2024", 2024, "Totaal", 114.0),  # +14 %: flagged
            ("S2023", 2024, "Participatie", 90.0),
            ("S2023", 2024, "Totaal", 90.0),
            ("S2024", 2025, "Participatie", 999.0),  # other uitkeringsjaar: ignored
        ]
    )
    assert vorige_circulaire(["S2024", "M2024", "S2023"], "M2024") == "S2023"
    assert vorige_circulaire(["S2024"], "S2024") is None
    a = aansluiting(alle, ("GM9999", "Testdorp"), 2024, iv3_07_eur=120.0)
    assert a.fonds.circulaire == "S2024" and a.vorige == "M2024"
    t = a.tabel.set_index("cluster")
    assert t.at["Participatie", "verschil_eur"] == 4.0 and not t.at["Participatie", "signaal"]
    assert t.at["Overig", "signaal"] and pd.isna(t.at["Overig", "verschil_pct"])
    assert round(t.at["Totaal", "verschil_pct"], 6) == 14.0 and t.at["Totaal", "signaal"]
    assert a.signalen == ["Overig", "Totaal"]
    assert a.totaal_eur == 114.0 and a.verschil_iv3_eur == 6.0
    # the user's choice: the meicirculaire, against the september one of the year before
    mei = aansluiting(alle, ("GM9999", "Testdorp"), 2024, "M2024", 120.0)
    assert mei.vorige == "S2023" and mei.tabel.set_index("cluster").at["Totaal", "vorige_eur"] == 90
    # an unknown circulaire falls back to the newest and says so
    weg = aansluiting(alle, ("GM9999", "Testdorp"), 2024, "M2030")
    assert weg.fonds.circulaire == "S2024" and "M2030" in weg.tekst
    geen = aansluiting(alle, ("GM9999", "Testdorp"), 2030)
    assert geen.fonds is None and "uitkeringsjaar 2030" in geen.tekst
