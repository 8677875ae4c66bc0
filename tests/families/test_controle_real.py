"""``geldstromen controle`` and the income-side money model on the real files.

Every expected figure is recomputed from the raw source files (Iv3 CSV, gemeentefonds CSV,
KWB files) with plain pandas, not through the allocation code.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from geldstromen import db
from geldstromen.cli import main
from geldstromen.families import gemeente
from geldstromen.families.verantwoording import verantwoording
from tests.support.exportbestand import cli_export

NAMEN = {"GM0363": "Amsterdam", "GM0518": "'s-Gravenhage", "GM0344": "Utrecht"}


@pytest.fixture(scope="module")
def url(real_store):
    return real_store()  # all sources: Utrecht's keys come from KWB 2015, 2020 and 2024


@pytest.fixture(scope="module")
def engine(url):
    return db.make_engine(url)


def _iv3(shared_data, naam: str, jaar: int, stuk: str = "begroting") -> pd.DataFrame:
    raw = pd.read_csv(shared_data / "iv3" / f"iv3_gemeenten_taakveld_{jaar}_{stuk}.csv.gz", sep=";")
    raw = raw[raw["Gemeenten"] == naam].copy()
    raw["code"] = raw["Taakveld"].str.split(" ").str[0]
    return raw


def _gf(shared_data, circulaire: str, jaar: int, naam: str) -> pd.Series:
    raw = pd.read_csv(
        shared_data / "gemeentefonds" / f"GF_{circulaire}_{jaar}_per_cluster.csv", sep=";"
    )
    return raw[raw["Gemeenten"] == naam].drop(columns=["Unnamed: 0", "Gemeenten"]).iloc[0]


def _export(url, gm, jaar, *extra) -> tuple[pd.DataFrame, str]:
    args = [
        "export",
        "geldstromen",
        "--gemeente",
        gm,
        "--niveau",
        "wijk",
        "--jaar",
        str(jaar),
        "--database-url",
        url,
        *extra,
    ]
    with tempfile.TemporaryDirectory() as tmp:
        res, frame, _, meta = cli_export(args, Path(tmp))
    assert res.exit_code == 0, res.output
    return frame, meta


@pytest.mark.parametrize("gm", ["GM0363", "GM0518", "GM0344"])
def test_controle_passes_for_the_three_cities(url, gm):
    res = CliRunner().invoke(
        main, ["controle", "--gemeente", gm, "--jaar", "2024", "--database-url", url]
    )
    assert res.exit_code == 0, res.output
    for kop in (
        "Invarianten",
        "Jaren in dit beeld",
        "Sleuteldekking",
        "Gemeentefonds",
        "inwonergrens",
    ):
        assert kop in res.stdout
    assert "[FOUT]" not in res.stdout and "Alle invarianten kloppen." in res.stdout


@pytest.mark.parametrize("gm", ["GM0363", "GM0518", "GM0344"])
@pytest.mark.parametrize(("jaar", "stuk"), [(2024, "begroting"), (2023, "jaarrekening")])
def test_inflow_is_the_iv3_baten_total_once(url, shared_data, gm, jaar, stuk):
    frame, _ = _export(url, gm, jaar, "--stuk", stuk)
    raw = _iv3(shared_data, NAMEN[gm], jaar, stuk)
    meegeteld = raw[~raw["code"].isin(["0.10", "0.11"])]
    instroom = frame.loc[frame["naar_code"] == gm, "bedrag_eur"].sum()
    assert round(instroom) == round(meegeteld["Baten"].sum() * 1000)
    # the algemene uitkering (0.7) and BUIG (6.3 baten) come from the Rijk, never from a wijk
    rijk = frame[frame["van"].str.startswith("Rijk")]
    assert set(rijk["regio_code"]) == {gm}
    b07 = raw.loc[raw["code"] == "0.7", "Baten"].sum() * 1000
    assert round(rijk.loc[rijk["van"] == "Rijk (gemeentefonds)", "bedrag_eur"].sum()) == round(b07)
    assert not frame["categorie"].str.startswith(("gemeentefonds", "overige middelen")).any()
    van_wijk = frame[frame["van_code"].fillna("").str.startswith("WK")]
    assert not van_wijk["categorie"].str.startswith(("0.7 ", "6.3 ", "0.63 ", "2.2 ")).any()


def test_den_haag_2024_no_double_gemeentefonds_and_empty_dunes(url, shared_data):
    """Finding 2/4: before, 0.7 (EUR 1,758 M) flowed from the wijken and the gemeentefonds
    (EUR 1,699 M) arrived again; Oostduinen (0 inhabitants) got EUR 4.4 M gemeentefonds and
    EUR 7.7 M of 2.1 Verkeer by land area."""
    frame, tekst = _export(url, "GM0518", 2024)
    raw = _iv3(shared_data, "'s-Gravenhage", 2024)
    gf = _gf(shared_data, "S2024", 2024, "'s-Gravenhage")
    b07 = raw.loc[raw["code"] == "0.7", "Baten"].sum() * 1000
    assert f"verschil {b07 - gf['Totaal']:.2f} euro" in tekst
    duin = frame[frame["regio_code"] == "WK051801"]
    assert duin["bedrag_eur"].sum() < 100_000
    # 2.1 by addresses (dwellings + business establishments), both from KWB 2019: the year
    # with wijk and buurt figures, so the wijk level adds up to its buurten (finding 8)
    kwb19 = pd.read_csv(
        shared_data / "cbs_kwb" / "kwb2019_84583NED_den_haag_GM0518_gm_wk_bu.csv",
        dtype=str,
        sep=";",
        encoding="utf-8-sig",
    )
    kwb19 = kwb19[kwb19["SoortRegio_2"].str.strip() == "Wijk"]
    kwb19 = kwb19.set_index(kwb19["Codering_3"].str.strip())
    won = pd.to_numeric(kwb19["Woningvoorraad_34"])
    bedr = pd.to_numeric(kwb19["BedrijfsvestigingenTotaal_91"])
    codes = [c for c in won.index if c.startswith("WK0518")]
    adressen = pd.Series({c: won[c] + bedr[c] for c in codes})
    lasten21 = raw.loc[raw["code"] == "2.1", "Lasten"].sum() * 1000
    verwacht = lasten21 * adressen["WK051801"] / adressen.sum()
    got = duin.loc[duin["categorie"].str.startswith("2.1 "), "bedrag_eur"].sum()
    assert abs(got - verwacht) < 0.01 and got < 10_000


def test_overhead_carries_no_bijstand(engine, shared_data):
    """Finding 5: overhead follows the direct lasten without 6.3; so its ratio between a
    bijstand-heavy and a well-off wijk is the ratio of their direct lasten without 6.3."""
    res = gemeente.toerekening(engine, "GM0518", "wijk", 2024, "begroting", "lasten")
    f = res.flows
    f = f[f["niveau"] == "wijk"]  # the gemeentebreed rows carry no overhead
    direct = f[~f["taakveld_code"].str.startswith("0.") & (f["taakveld_code"] != "6.3")]
    direct = direct.groupby("regio_code")["bedrag_eur"].sum()
    oh = f[f["taakveld_code"] == "0.4"].groupby("regio_code")["bedrag_eur"].sum()
    raw = _iv3(shared_data, "'s-Gravenhage", 2024)
    totaal_oh = raw.loc[raw["code"] == "0.4", "Lasten"].sum() * 1000
    for wk in ("WK051829", "WK051804"):  # Schildersbuurt, Benoordenhout
        assert abs(oh[wk] - totaal_oh * direct[wk] / direct.sum()) < 1.0
    per_inw = oh / res.inwoners
    assert per_inw["WK051829"] < 800 and per_inw["WK051829"] / per_inw["WK051804"] < 1.5


def test_circulaire_change_and_iv3_reconciliation(engine, shared_data):
    """Finding 3: mei 2024 EUR 1,524.6 M vs september 2024 EUR 1,699.0 M for uitkeringsjaar
    2024; the change per cluster is shown and flagged over 5 %."""
    aans = gemeente.fonds_aansluiting(engine, "GM0518", 2024, "begroting")
    mei = _gf(shared_data, "M2024", 2024, "'s-Gravenhage")
    sep = _gf(shared_data, "S2024", 2024, "'s-Gravenhage")
    assert aans.fonds.circulaire == "S2024" and aans.vorige == "M2024"
    t = aans.tabel.set_index("cluster")
    assert round(t.at["Totaal", "bedrag_eur"]) == round(sep["Totaal"])
    assert round(t.at["Totaal", "vorige_eur"]) == round(mei["Totaal"])
    wmo = "Individuele voorzieningen Wmo"
    pct = 100 * (sep[wmo] - mei[wmo]) / abs(mei[wmo])
    assert abs(t.at[wmo, "verschil_pct"] - pct) < 1e-9 and t.at[wmo, "signaal"]
    assert not t.at["Sociale basisvoorzieningen", "signaal"]
    raw = _iv3(shared_data, "'s-Gravenhage", 2024)
    b07 = raw.loc[raw["code"] == "0.7", "Baten"].sum() * 1000
    assert round(aans.verschil_iv3_eur) == round(b07 - sep["Totaal"])
    # the user's choice: the meicirculaire, compared with the september 2023 one
    mei_keuze = gemeente.fonds_aansluiting(engine, "GM0518", 2024, "begroting", "M2024")
    assert mei_keuze.fonds.circulaire == "M2024" and mei_keuze.vorige == "S2023"


def test_key_coverage_and_composite_65plus_key(engine):
    """Finding 10: the coverage shows how the money was placed; Utrecht's Wmo falls back
    to 65-plussers (inhabitants x share 65+) instead of inhabitants only."""
    c = verantwoording(engine, "GM0344", 2024)
    assert c is not None and c.ok, c.fouten
    s = c.sleutels[c.sleutels["kant"] == "lasten"].set_index("taakveld_code")
    assert s.at["6.6", "terugval"] > 0 and s.at["6.6", "alleen inwoners"] == 0
    # per kind the amounts add up to the allocated lasten
    lasten = c.dekking[c.dekking["kant"] == "lasten"]["bedrag_eur"].sum()
    assert round(lasten) == round(c.bronnen["export_lasten"].sum())
    # Utrecht's bijstand key is from KWB 2015: flagged as old for a 2024 budget
    assert s.at["6.3", "verouderd"]
    dh = verantwoording(engine, "GM0518", 2024)
    assert set(dh.klein["regio_code"]) >= {"WK051801", "WK051843"}  # Oostduinen, Forepark


def test_family_totals_against_their_sources(engine, shared_data):
    """controle: per family the export total next to its source total; zorg must add up to
    the Vektis costs of the gemeente (recomputed from the raw Vektis 2023 file)."""
    c = verantwoording(engine, "GM0344", 2024)
    fam = c.families.drop_duplicates("familie").set_index("familie")
    raw = pd.read_csv(
        shared_data / "zorg" / "vektis2023_derived_category_breakdown_gemeente.csv.gz"
    )
    vektis = raw.loc[raw["gemeentenaam"] == "UTRECHT", "actual_cost"].sum()
    assert round(fam.at["zorg", "bron_eur"], 2) == round(vektis, 2)
    assert round(c.families.loc[c.families["familie"] == "zorg", "bedrag_eur"].sum()) == round(
        vektis
    )
    iv3 = _iv3(shared_data, "Utrecht", 2024)
    lasten = iv3.loc[~iv3["code"].isin(["0.10", "0.11"]), "Lasten"].sum() * 1000
    assert round(fam.at["gemeente (lasten)", "bron_eur"]) == round(lasten)
    assert "families: export = brontotaal" in set(c.invarianten["invariant"])


@pytest.mark.parametrize("gm", ["GM0363", "GM0518"])
def test_inflow_once_at_buurt_level_with_every_family(url, shared_data, gm):
    """Any export: at buurt level and with the other families, the gemeente's inflow is
    still the Iv3 baten total once (households and zorg never flow into the gemeente)."""
    frame, _ = _export(url, gm, 2024, "--niveau", "buurt", "--familie", "alle", "--gedeeltelijk")
    raw = _iv3(shared_data, NAMEN[gm], 2024)
    meegeteld = raw[~raw["code"].isin(["0.10", "0.11"])]
    instroom = frame.loc[frame["naar_code"] == gm, "bedrag_eur"].sum()
    assert round(instroom) == round(meegeteld["Baten"].sum() * 1000)
    assert set(frame["familie"]) >= {"gemeente", "zorg"}
    assert (frame.loc[frame["van"].str.startswith("Rijk"), "regio_code"] == gm).all()


def test_a_requested_family_without_data_is_an_error(url, tmp_path):
    """Issue 15 item 10: Utrecht's KWB 2019 has no income figure for any wijk, so family
    huishoudens is empty. Before, the export exited 0 without it; now it says what is missing
    and why, and writes a partial export only with --gedeeltelijk."""
    args = [
        "export",
        "geldstromen",
        "--gemeente",
        "GM0344",
        "--niveau",
        "wijk",
        "--jaar",
        "2019",
        "--familie",
        "alle",
        "--database-url",
        url,
    ]
    res, frame, _, _ = cli_export(args, tmp_path)
    assert res.exit_code != 0 and frame is None
    assert "familie huishoudens" in res.output and "zonder gemiddeld inkomen" in res.output
    assert "--gedeeltelijk" in res.output and "Traceback" not in res.output
    res, frame, pakket, _ = cli_export([*args, "--gedeeltelijk"], tmp_path)
    assert res.exit_code == 0, res.output
    assert set(frame["familie"]) == {"gemeente", "zorg"}
    assert (
        "gedeeltelijke export, ontbreekt: familie huishoudens"
        in pakket["geldstromen"]["opmerkingen"]
    )


def test_export_reads_with_pandas_defaults_and_names_parties(url, tmp_path, shared_data):
    """Issue 15 item 11: a plain CSV (pandas defaults), the sidecar validates (cli_export),
    van/naar hold names with codes beside them, and the not-allocated rest is not
    'toegerekend'. The not-allocated lasten equal the raw Iv3 lasten of the taakvelden the key
    table leaves gemeentebreed."""
    from geldstromen.domain.taakvelden import standaard_sleutels

    args = [
        "export",
        "geldstromen",
        "--gemeente",
        "GM0518",
        "--niveau",
        "wijk",
        "--jaar",
        "2024",
        "--database-url",
        url,
    ]
    res, frame, pakket, _ = cli_export(args, tmp_path, "den_haag.csv")
    assert res.exit_code == 0, res.output
    assert pakket["resources"][0]["path"] == "den_haag.csv"
    for kolom in ("van", "naar"):
        assert not frame[kolom].str.fullmatch(r"(GM|WK|BU)\d+").any()
        codes = frame[f"{kolom}_code"].dropna()
        assert codes.str.fullmatch(r"(GM|WK|BU)\d+").all()
    lasten = frame[frame["van_code"] == "GM0518"]
    assert set(lasten["van"]) == {"'s-Gravenhage"}
    rest = lasten[lasten["methode"] == "niet toegerekend"]
    assert set(rest["naar"]) == {"gemeente als geheel (geen wijk of buurt)"}
    assert not (
        lasten["sleutel"].str.startswith("gemeentebreed") & (lasten["methode"] == "toegerekend")
    ).any()
    sleutels = standaard_sleutels()
    breed = set(sleutels.loc[sleutels["sleutel"] == "gemeentebreed", "taakveld_code"])
    raw = _iv3(shared_data, "'s-Gravenhage", 2024)
    verwacht = raw.loc[raw["code"].isin(breed), "Lasten"].sum() * 1000
    got = rest.loc[rest["sleutel"].str.startswith("gemeentebreed"), "bedrag_eur"].sum()
    assert round(got) == round(verwacht)
