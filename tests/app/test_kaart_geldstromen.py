"""Kaart coloured by allocated lasten per inwoner (hoofdtaakveld) on the fixture store."""

from __future__ import annotations

import json

import pandas as pd

from geldstromen.domain.wijkprofiel import per_inwoner_hoofdtaakveld


def test_per_inwoner_hoofdtaakveld_sums_and_keeps_missing():
    flows = pd.DataFrame(
        {
            "regio_code": ["WK1", "WK1", "WK2", "GM1", "WK3"],
            "regio_naam": ["a", "a", "b", "g", "c"],
            "niveau": ["wijk", "wijk", "wijk", "gemeente", "wijk"],
            "naar": ["a", "a", "b", "gemeentebreed", "c"],
            "taakveld_code": ["6.3", "6.1", "6.3", "6.3", "7.1"],
            "bedrag_eur": [100.0, 50.0, 30.0, 999.0, 10.0],
        }
    )
    inw = pd.Series({"WK1": 1000, "WK2": 0, "WK3": 5})
    out = per_inwoner_hoofdtaakveld(flows, inw, "wijk", "6").set_index("regio_code")
    assert out.loc["WK1", "bedrag_eur"] == 150 and out.loc["WK1", "waarde"] == 0.15
    assert pd.isna(out.loc["WK2", "waarde"])  # no inhabitants: missing, not 0 or infinite
    assert out.loc["WK2", "toelichting"] == "te weinig inwoners"
    assert out.loc["WK1", "toelichting"] == ""
    assert "GM1" not in out.index and "WK3" not in out.index


def test_kaart_colours_by_allocated_lasten(app):
    app.query_params.update({"gemeente": "GM9999", "niveau": "wijk", "kleur": "geldstromen"})
    app.run()
    assert not app.exception, app.exception
    assert app.radio(key="kleur").value == "geldstromen"
    text = " ".join(s.value for s in app.subheader)
    assert "per inwoner" in text
    # how the money of the hoofdtaakveld was placed (intended key, fallback, inhabitants)
    assert any(c.value.startswith("Sleuteldekking: ") for c in app.caption)
    decks = app.get("deck_gl_json_chart")
    assert decks, "geen kaart getekend"
    spec = json.loads(decks[0].proto.json)
    assert spec["layers"][0]["data"]["features"]


def test_tooltip_names_a_code_once_and_says_why_a_value_is_missing():
    from geldstromen.ui.kaart import choropleth, legenda_html

    vlak = json.dumps(
        {"type": "Polygon", "coordinates": [[[4, 52], [4.1, 52], [4, 52.1], [4, 52]]]}
    )
    geometrie = pd.DataFrame(
        {"regio_code": ["WK1", "WK2"], "regio_naam": ["x", "y"], "geometrie_geojson": [vlak] * 2}
    )
    waarden = pd.DataFrame(
        {
            "regio_code": ["WK1", "WK2"],
            "regio_naam": ["naam onbekend (WK1)", "Duinen"],
            "waarde": [12.0, float("nan")],
            "toelichting": ["", "te weinig inwoners"],
        }
    )
    deck = choropleth(waarden, geometrie, {"label": "L", "eenheid": "euro per inwoner"})
    features = json.loads(deck.to_json())["layers"][0]["data"]["features"]  # what is sent
    props = {f["properties"]["code"]: f["properties"] for f in features}
    assert props["WK1"]["naam"] == "naam onbekend"  # the tooltip adds '(WK1)' itself
    assert props["WK2"]["waarde"] == "te weinig inwoners"
    legenda = legenda_html(waarden, geometrie, {"label": "L", "eenheid": "e"})
    assert "te weinig inwoners (niet 0)" in legenda and "(1 gebied)" in legenda
