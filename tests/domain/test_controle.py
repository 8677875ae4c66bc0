"""The reconciliation (domain.controle): invariants hold on a correct allocation and fail,
naming the taakveld, when money is missing, counted twice or paid by a wijk for the Rijk."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from geldstromen.cli import main
from geldstromen.domain.controle import Kant, controleer
from geldstromen.domain.taakvelden import standaard_sleutels
from geldstromen.domain.toerekening import Context, Gebied, toerekenen

IV3 = pd.DataFrame(
    {
        "taakveld_code": ["0.7", "0.10", "6.3", "7.3", "0.4"],
        "taakveld_naam": ["Algemene uitkering", "Mutaties", "Inkomen", "Afval", "Overhead"],
        "lasten_eur": [0.0, 40.0, 3000.0, 200.0, 100.0],
        "baten_eur": [9000.0, 50.0, 1000.0, 240.0, 0.0],
    }
)


def _gebied():
    codes = ["WK999900", "WK999901"]
    regios = pd.DataFrame({"regio_code": codes, "regio_naam": ["Noord", "Zuid"]})
    waarden = pd.DataFrame(
        {"inwoners_aantal": [300, 5000], "bijstand_aantal": [10, 90], "woningen_aantal": [1, 2]},
        index=codes,
    )
    return Gebied(regios, waarden, {"inwoners_aantal": 2024, "bijstand_aantal": 2015})


def _kanten():
    out = {}
    for kant in ("lasten", "baten"):
        ctx = Context("GM9999", "Testdorp", 2024, kant, "CBS Iv3 begroting 2024")
        bedragen = IV3.rename(columns={f"{kant}_eur": "bedrag_eur"})
        flows, uit = toerekenen(bedragen, standaard_sleutels(), ctx, _gebied())
        out[kant] = Kant(flows, uit)
    return out


def _controle(lasten, baten):
    inw = pd.Series([300, 5000], index=["WK999900", "WK999901"])
    return controleer(
        IV3,
        lasten,
        baten,
        gemeente=("GM9999", "Testdorp"),
        jaar=2024,
        stuk="begroting",
        niveau="wijk",
        sleuteltabel=standaard_sleutels(),
        sleuteljaren={"inwoners_aantal": 2024, "bijstand_aantal": 2015, "_indeling": 2024},
        inwoners=inw,
    )


def test_correct_allocation_passes_and_reports():
    k = _kanten()
    c = _controle(k["lasten"], k["baten"])
    assert c.ok, c.fouten
    tv = c.bronnen.set_index("taakveld_code")
    assert tv.at["0.10", "niet_meegeteld_baten"] == 50 and tv.at["0.7", "export_baten"] == 9000
    # 9000 + 1000 + 240 = the baten without 0.10, once
    assert tv["export_baten"].sum() == 10240
    assert set(c.klein["regio_code"]) == {"WK999900"}  # 300 inhabitants: below the minimum
    s = c.sleutels.set_index(["kant", "taakveld_code"])
    assert s.at[("lasten", "6.3"), "verouderd"]  # bijstand of KWB 2015 for money of 2024
    assert not s.at[("lasten", "7.3"), "verouderd"]
    jaren = dict(zip(c.jaren["onderdeel"], c.jaren["jaar"], strict=True))
    assert jaren["sleutel: bijstand_aantal"] == 2015


def test_missing_double_and_regional_rijk_money_fail():
    k = _kanten()
    lasten = k["lasten"].flows
    # a lost row of 6.3
    weg = lasten.drop(lasten.index[lasten["taakveld_code"] == "6.3"][:1])
    c = _controle(Kant(weg, k["lasten"].uitgesloten), k["baten"])
    assert not c.ok and any("6.3" in f for f in c.fouten)
    # the gemeentefonds once more on top of 0.7, and 0.7 paid by a wijk
    baten = k["baten"].flows
    extra = baten[baten["taakveld_code"] == "0.7"].assign(
        categorie="gemeentefonds: Overig", van="WK999901", regio_code="WK999901"
    )
    c = _controle(k["lasten"], Kant(pd.concat([baten, extra]), k["baten"].uitgesloten))
    fout = " ".join(c.fouten)
    assert not c.ok
    assert "0.7" in fout and "gemeentefonds niet dubbel" in fout and "Rijk" in fout


def test_controle_cli_on_fixture_store(fixture_db_url):
    res = CliRunner().invoke(
        main,
        ["controle", "--gemeente", "GM9999", "--jaar", "2023", "--database-url", fixture_db_url],
    )
    assert res.exit_code == 0, res.output
    assert "Alle invarianten kloppen." in res.stdout
    bad = CliRunner().invoke(
        main,
        ["controle", "--gemeente", "GM0000", "--jaar", "2023", "--database-url", fixture_db_url],
    )
    assert bad.exit_code == 1 and "Fout: geen Iv3-gegevens voor GM0000" in bad.stderr
    assert "Traceback" not in bad.output


def test_zorg_rows_must_carry_the_vektis_year():
    k = _kanten()
    zorg = pd.DataFrame(
        {
            "regio_code": ["WK999900", "WK999901"],
            "regio_naam": ["Noord", "Zuid"],
            "niveau": "wijk",
            "jaar": [2024, 2024],
            "familie": "zorg",
            "van": "zorgverzekeraars",
            "naar": ["WK999900", "WK999901"],
            "categorie": "Zvw",
            "bedrag_eur": [40.0, 60.0],
            "methode": "geschat",
            "sleutel": "leeftijd",
            "bron": "Vektis Zvw 2023",
        }
    )
    totaal = pd.DataFrame(
        [{"familie": "zorg", "bron_jaar": 2023, "bron_totaal": "Vektis 2023", "bron_eur": 100.0}]
    )
    inw = pd.Series([300, 5000], index=["WK999900", "WK999901"])

    def run(frame):
        return controleer(
            IV3,
            k["lasten"],
            k["baten"],
            gemeente=("GM9999", "Testdorp"),
            jaar=2024,
            stuk="begroting",
            niveau="wijk",
            sleuteltabel=standaard_sleutels(),
            sleuteljaren={"inwoners_aantal": 2024},
            inwoners=inw,
            andere=frame,
            bron_totalen=totaal,
        )

    fout = run(zorg)
    assert not fout.ok and any("zorg: rijen met jaar 2024, geld van 2023" in f for f in fout.fouten)
    goed = run(zorg.assign(jaar=2023))
    assert goed.ok, goed.fouten
    # a lost zorg euro breaks the family total
    kwijt = run(zorg.assign(jaar=2023, bedrag_eur=[40.0, 59.0]))
    assert any(f.startswith("families: export = brontotaal: zorg") for f in kwijt.fouten)


def test_one_value_per_region_indicator_and_year():
    k = _kanten()
    inw = pd.Series([300, 5000], index=["WK999900", "WK999901"])
    kwargs = {
        "gemeente": ("GM9999", "Testdorp"),
        "jaar": 2024,
        "stuk": "begroting",
        "niveau": "wijk",
        "sleuteltabel": standaard_sleutels(),
        "sleuteljaren": {"inwoners_aantal": 2024, "_indeling": 2024},
        "inwoners": inw,
    }
    leeg = pd.DataFrame(columns=["regio_code", "jaar", "indicator", "aantal"])
    assert controleer(IV3, k["lasten"], k["baten"], dubbele_waarden=leeg, **kwargs).ok
    dubbel = pd.DataFrame(
        {
            "regio_code": ["WK999901"],
            "jaar": [2019],
            "indicator": ["inwoners_aantal"],
            "aantal": [2],
        }
    )
    c = controleer(IV3, k["lasten"], k["baten"], dubbele_waarden=dubbel, **kwargs)
    assert not c.ok
    assert c.fouten == [
        "één waarde per gebied, indicator en jaar: WK999901 inwoners_aantal 2019: 2 waarden"
    ]


def test_controle_cli_fails_on_a_value_held_twice(fixture_db_url, tmp_path):
    """A store where a wijk's inhabitants of a year come from two series (as a KWB file and the
    online table of that year gave them before the file won per region): controle names it."""
    import shutil

    from sqlalchemy import create_engine, text

    kopie = tmp_path / "dubbel.sqlite"
    shutil.copy(fixture_db_url.removeprefix("sqlite:///"), kopie)
    engine = create_engine(f"sqlite:///{kopie}")
    with engine.begin() as conn:
        rij = conn.execute(
            text(
                "select f.regio_code, f.jaar, f.reeks_id from mart_indicator_waarde_mat as f "
                "inner join mart_indicator_reeks_mat as r on r.reeks_id = f.reeks_id "
                "where r.indicator = 'inwoners_aantal' and f.niveau = 'wijk' "
                "and f.gemeente_code = 'GM9999' order by f.jaar desc, f.regio_code limit 1"
            )
        ).one()
        nieuw = conn.execute(
            text("select max(reeks_id) + 1 from mart_indicator_reeks_mat")
        ).scalar()
        conn.execute(
            text(
                "insert into mart_indicator_reeks_mat select :nieuw, jaar, indicator, label, "
                "bron_kolom, eenheid, methode, thema, bron || ', online' "
                "from mart_indicator_reeks_mat where reeks_id = :oud"
            ),
            {"nieuw": nieuw, "oud": rij.reeks_id},
        )
        conn.execute(
            text(
                "insert into mart_indicator_waarde_mat select regio_code, jaar, :nieuw, "
                "gemeente_code, niveau, waarde + 1 from mart_indicator_waarde_mat "
                "where regio_code = :regio and reeks_id = :oud"
            ),
            {"nieuw": nieuw, "oud": rij.reeks_id, "regio": rij.regio_code},
        )
    engine.dispose()
    args = ["controle", "--gemeente", "GM9999", "--jaar", "2023", "--database-url"]
    res = CliRunner().invoke(main, [*args, f"sqlite:///{kopie}"])
    assert res.exit_code == 1, res.output
    assert f"{rij.regio_code} inwoners_aantal {rij.jaar}: 2 waarden" in res.stderr
    assert "Traceback" not in res.output
    goed = CliRunner().invoke(main, [*args, fixture_db_url])
    assert "[OK] één waarde per gebied, indicator en jaar" in goed.stdout
