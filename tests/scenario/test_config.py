"""Scenario config: defaults with sources, validation in Dutch, URL round trip, export table."""

from __future__ import annotations

import pandas as pd
import pytest

from geldstromen.scenario.config import (
    ScenarioFout,
    catalogus,
    naar_config,
    ontbrekend,
    scenario_uit,
    standaard,
    toepassen,
    valideer,
)
from geldstromen.scenario.gegevens import (
    export_tabel,
    invullen,
    prijzen_voor,
    standaard_voet,
    voet_uit,
)
from geldstromen.scenario.link import codeer, decodeer

IND = {
    "woningen_aantal": {
        "waarde": 1000.0,
        "jaar": 2019,
        "bron": "CBS 84583NED",
        "label": "Woningen",
    },
    "koopwoningen_pct": {"waarde": 40.0, "jaar": 2019, "bron": "CBS 84583NED", "label": "Koop"},
    "bouwjaar_voor_2000_pct": {"waarde": 50.0, "jaar": 2019, "bron": "CBS 84583NED", "label": "B"},
    "huish_laag_inkomen_pct": {"waarde": 10.0, "jaar": 2019, "bron": "CBS 84583NED", "label": "L"},
    "aardgas_m3_per_woning": {"waarde": 1200.0, "jaar": 2019, "bron": "CBS", "label": "Gas"},
}
# Synthetic tariffs in the shape of the store (CBS 84672NED monthly, incl. btw; 81309NED yearly
# average incl. fixed charges). 2021 rates: energiebelasting 0.34856 excl. btw.
_EB21 = 0.34856
TARIEVEN = pd.DataFrame(
    {
        "tabel_id": ["81309NED", "84672NED", "84672NED", "84672NED", "84672NED"],
        "jaar": [2021, 2021, 2021, 2021, 2021],
        "periode": ["2021", "2021 januari", "2021 januari", "2021 juli", "2021 juli"],
        "drager": ["aardgas"] * 5,
        "component": [
            "huishoudens_20_200gj",
            "variabel_leveringstarief",
            "energiebelasting",
            "variabel_leveringstarief",
            "energiebelasting",
        ],
        "eenheid": ["eur_per_gj", "eur_per_m3", "eur_per_m3", "eur_per_m3", "eur_per_m3"],
        "waarde": [40.0, 0.605, _EB21 * 1.21, 0.545, _EB21 * 1.09],
        "bron": ["CBS 81309NED"] + ["CBS 84672NED"] * 4,
    }
)


def test_default_units_from_the_regions_indicators_with_source():
    item = standaard("isolatie_koop_laag_inkomen", IND, {}, 2025)
    assert item["eenheden"]["waarde"] == 1000 * 0.4 * 0.5 * 0.1
    assert "koopwoningen_pct 40%" in item["eenheden"]["bron"]
    assert "CBS 84583NED" in item["eenheden"]["bron"]
    assert "1200" in item["effecten"][0]["context"]


def test_missing_indicator_leaves_units_empty():
    ind = {k: v for k, v in IND.items() if k != "koopwoningen_pct"}
    item = standaard("isolatie_koop_laag_inkomen", ind, {}, 2025)
    assert item["eenheden"]["waarde"] is None
    assert item["eenheden"]["ontbreekt"] == "koopwoningen_pct"


def test_absent_keeps_the_default_but_a_cleared_input_is_missing():
    std = standaard("buurtsportcoach", IND, {}, 2025)
    leeg = {
        "id": "buurtsportcoach",
        "kosten_jaarlijks_per_eenheid_eur": None,
        "effecten": {"zvw": {"per_eenheid": None, "prijs": 150}},
    }
    config = toepassen(std, leeg)
    assert config["kosten_jaarlijks_per_eenheid_eur"] == std["kosten_jaarlijks_per_eenheid_eur"]
    assert config["effecten"][0]["prijs"] == {"waarde": 150, "bron": "ingevuld door gebruiker"}
    pagina = toepassen(std, leeg, leeg=True)
    assert pagina["kosten_jaarlijks_per_eenheid_eur"] == {"waarde": None, "bron": None}
    assert pagina["effecten"][0]["per_eenheid"] == {"waarde": None, "bron": None}
    assert pagina["kostenverdeling_pct"] == std["kostenverdeling_pct"]  # absent: default
    assert "jaarlijkse kosten per eenheid (euro)" in ontbrekend(pagina)


def test_every_catalogue_value_has_a_source_and_every_intervention_computes_untyped():
    prijzen = prijzen_voor(TARIEVEN)
    ind = {
        **IND,
        "corporatiewoningen_pct": {"waarde": 30.0, "jaar": 2019, "bron": "CBS"},
        "stadsverwarming_pct": {"waarde": 10.0, "jaar": 2019, "bron": "CBS"},
        "huishoudens_aantal": {"waarde": 900.0, "jaar": 2019, "bron": "CBS"},
        "huish_sociaal_minimum_pct": {"waarde": 8.0, "jaar": 2019, "bron": "CBS"},
    }
    for iid in catalogus()["interventies"]:
        item = standaard(iid, ind, prijzen, 2026)
        assert ontbrekend(item) == [], (iid, ontbrekend(item))
        for veld in (
            "eenheden",
            "kosten_eenmalig_per_eenheid_eur",
            "kosten_jaarlijks_per_eenheid_eur",
            "startjaar",
            "looptijd_jaar",
        ):
            assert item[veld]["bron"], (iid, veld)
        assert item["kostenverdeling_pct"]["bron"]
        for e in item["effecten"]:
            assert e["per_eenheid"]["bron"] and e["prijs"]["bron"], (iid, e["id"])
        scenario_uit([item], iid, 2.25)  # computes


def test_effect_from_the_regions_gas_use_with_its_source():
    item = standaard("isolatie_koop_laag_inkomen", IND, {}, 2026)
    gas = item["effecten"][0]["per_eenheid"]
    assert gas["waarde"] == pytest.approx(0.2 * 1200)  # 20% of 1200 m3 per woning
    assert "ESB" in gas["bron"] and "aardgas_m3_per_woning 1200 (2019, CBS)" in gas["bron"]
    warmte = standaard("warmtenet", IND, {}, 2026)["effecten"]
    assert warmte[0]["per_eenheid"]["waarde"] == 1200  # no gas at all any more
    assert warmte[1]["per_eenheid"]["waarde"] == pytest.approx(
        760.77 + 43.79 * 0.03517 * 1200, abs=0.1
    )
    zonder = {k: v for k, v in IND.items() if k != "aardgas_m3_per_woning"}
    leeg = standaard("isolatie_koop_laag_inkomen", zonder, {}, 2026)
    assert leeg["effecten"][0]["per_eenheid"]["waarde"] is None
    assert any("m³ per woning per jaar" in m for m in ontbrekend(leeg))
    assert any("euro per m³" in m for m in ontbrekend(leeg))  # no gas price in the store


def test_gas_price_is_the_variable_supply_price_excl_btw_never_the_average_incl_fixed():
    prijzen = prijzen_voor(TARIEVEN)
    # January 0.605 / 1.21 = 0.50; July 0.545 / 1.09 = 0.50 (btw read from the EB column)
    assert prijzen["aardgasprijs"]["waarde"] == pytest.approx(0.5)
    assert prijzen["aardgasprijs"]["waarde"] != pytest.approx(40 * 0.03517, abs=0.1)
    bron = prijzen["aardgasprijs"]["bron"]
    assert "84672NED" in bron and "2 maanden (januari–juli)" in bron and "9% en 21%" in bron
    assert "doorgetrokken" in bron
    assert prijzen_voor(TARIEVEN[TARIEVEN["tabel_id"] == "81309NED"]) == {}
    item = standaard("isolatie_koop_laag_inkomen", IND, prijzen, 2025)
    assert item["effecten"][0]["prijs"]["waarde"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("config", "melding"),
    [
        ({"interventies": [{"id": "tovenarij"}]}, "onbekende interventie 'tovenarij'"),
        (
            {
                "interventies": [
                    {"id": "buurtsportcoach", "kostenverdeling_pct": {"rijk": 40, "gemeente": 50}}
                ]
            },
            "telt op tot 90%, dat moet 100% zijn",
        ),
        ({"interventies": [{"id": "buurtsportcoach", "eenheden": -3}]}, "mag niet negatief zijn"),
        ({"interventies": [{"id": "buurtsportcoach", "eenheden": "veel"}]}, "moet een getal zijn"),
        ({"interventies": []}, "minstens één interventie"),
        (
            {"interventies": [{"id": "buurtsportcoach", "kostenverdeling_pct": {"bank": 100}}]},
            "onbekende partij",
        ),
        (
            {"interventies": [{"id": "buurtsportcoach", "effecten": {"geluk": {}}}]},
            "onbekend effect",
        ),
    ],
)
def test_validation_errors_are_dutch(config, melding):
    with pytest.raises(ScenarioFout) as exc:
        valideer(config)
    assert melding in str(exc.value)


def _compleet() -> dict:
    return {
        "naam": "BSC",
        "disconteringsvoet_pct": 0,
        "interventies": [
            {
                "id": "buurtsportcoach",
                "eenheden": 2,
                "looptijd_jaar": 4,
                "startjaar": 2025,
                "effecten": {"zvw": {"per_eenheid": 100, "prijs": 150}},
            }
        ],
    }


def test_config_fills_in_defaults_and_keeps_their_sources():
    items, voet = invullen(_compleet(), IND, {}, 2030, bron="config-bestand")
    (item,) = items
    assert ontbrekend(item) == []
    assert item["kosten_jaarlijks_per_eenheid_eur"]["waarde"] == 50000
    assert "Combinatiefuncties" in item["kosten_jaarlijks_per_eenheid_eur"]["bron"]
    assert item["eenheden"]["bron"] == "config-bestand"
    assert voet == {"waarde": 0, "bron": "config-bestand"}
    sam = (
        __import__("geldstromen.scenario.model", fromlist=["x"])
        .samenvatting(scenario_uit(items, "BSC", 0))
        .set_index("partij")
    )
    assert sam.at["gemeente", "netto_eur"] == -4 * 2 * 50000 * 0.6
    assert sam.at["rijk", "netto_eur"] == -4 * 2 * 50000 * 0.4
    assert sam.at["zorgverzekeraar", "netto_eur"] == 4 * 2 * 100 * 150


def test_discount_rate_keeps_the_catalogue_source_unless_changed():
    std = standaard_voet()
    assert std["bron"]
    assert voet_uit(None) == std
    assert voet_uit(float(std["waarde"])) == std
    assert voet_uit(std["waarde"] + 1) == {
        "waarde": std["waarde"] + 1,
        "bron": "ingevuld door gebruiker",
    }
    config = {**_compleet(), "disconteringsvoet_pct": None}
    assert invullen(config, IND, {}, 2030, bron="config-bestand")[1] == std


def test_url_round_trip_and_damaged_link():
    items, _ = invullen(_compleet(), IND, {}, 2030)
    config = naar_config(items, "BSC", 0)
    tekst = codeer(config)
    assert "=" not in tekst and "+" not in tekst and "/" not in tekst
    assert decodeer(tekst) == config
    with pytest.raises(ScenarioFout, match="beschadigd"):
        decodeer(tekst[:-10])
    with pytest.raises(ScenarioFout, match="onbekende interventie"):
        decodeer(codeer({"interventies": [{"id": "x"}]}))


def test_export_lists_every_assumption_with_source_and_is_labelled_scenario():
    items, voet = invullen(_compleet(), IND, {}, 2030)
    tabel = export_tabel(scenario_uit(items, "BSC", 0), items, voet)
    assert set(tabel["methode"]) == {"scenario"}
    aannames = tabel[tabel["onderdeel"] == "aanname"]
    assert aannames["bron"].notna().all()
    assert "kostenverdeling" in set(aannames["grootheid"])
    resultaat = tabel[tabel["onderdeel"] == "resultaat"]
    assert len(resultaat) == 5 * 4 * 6  # parties x years x quantities


def test_laad_deels_keeps_the_valid_part_and_names_the_rest():
    from geldstromen.scenario.config import laad_deels

    config, meldingen = laad_deels(
        {
            "naam": ["geen tekst"],
            "interventies": [
                {"id": "tovenarij"},
                {
                    "id": "buurtsportcoach",
                    "eenheden": float("inf"),
                    "looptijd_jaar": 4,
                    "kostenverdeling_pct": {"rijk": 40, "marsmannetjes": 60},
                    "effecten": {"zvw": {"prijs": 150, "per_eenheid": -5}, "onzin": {}},
                },
            ],
        }
    )
    assert config == {
        "interventies": [
            {
                "id": "buurtsportcoach",
                "looptijd_jaar": 4,
                "kostenverdeling_pct": {"rijk": 40},
                "effecten": {"zvw": {"prijs": 150}},
            }
        ]
    }
    tekst = " ".join(meldingen)
    for deel in (
        "naam moet een tekst zijn",
        "onbekende interventie 'tovenarij'",
        "eindig getal",
        "onbekende partij 'marsmannetjes'",
        "kostenverdeling (nu 40%, moet 100% zijn)",
        "per_eenheid mag niet negatief zijn",
        "onbekend effect 'onzin'",
    ):
        assert deel in tekst, (deel, tekst)
