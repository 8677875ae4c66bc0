"""The map is a way in: a click on a wijk or buurt selects it (the visit's region, see
:mod:`geldstromen.ui.bezoek`), the sidebar finds one by typing its name or code, and a link
opens the chosen region's Wijkprofiel. Labels and the outline of the chosen region are extra
deck layers."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
import shapely
import streamlit as st

from geldstromen import cached, geo
from geldstromen.domain.regiocode import is_regiocode
from geldstromen.ui import bezoek, postcodezoek
from geldstromen.ui.filters import Selectie

#: Widget key of the map (its selection state) and of the last click already applied.
KAART = "kaart"
VERWERKT = "_kaart_klik_verwerkt"
#: Label size in metres (wijk, buurt): small in the whole-city view, readable from about a
#: district's zoom, never larger than 14 px.
LABEL_METERS = {"wijk": 230, "buurt": 110}
#: Labels are drawn when the first view shows them at least this many pixels high (an all-NL
#: view would draw thousands of sub-pixel names; the tooltip and the search still name them).
LABEL_MIN_PX = 2
#: Width of the outline around the chosen region, in screen pixels of the first view.
GEKOZEN_PX = 3
#: "Wijk 29 Schildersbuurt" -> "Schildersbuurt" on the map (the tooltip keeps the full name).
VOORVOEGSEL = r"^(?:Wijk|Buurt)\s+\d+[a-z]?\s+"


def geklikt(key: str = KAART) -> str | None:
    """Code of the region clicked on the map since the last run that applied a click."""
    staat = st.session_state.get(key)
    try:
        objecten = (staat or {}).get("selection", {}).get("objects", {})
    except AttributeError:
        return None
    if not any(objecten.values()):
        st.session_state.pop(VERWERKT, None)  # nothing selected: the next click counts
        return None
    for lijst in objecten.values():
        for obj in lijst or []:
            code = (obj.get("properties") or {}).get("code") if isinstance(obj, dict) else None
            if code and code != st.session_state.get(VERWERKT):
                st.session_state[VERWERKT] = code
                return str(code)
    return None


def kies(sel: Selectie) -> str | None:
    """Sidebar region search of the Kaart page; a map click selects its region."""
    if sel.niveau == "gemeente":
        return None
    codes = cached.indicator_waarden(
        sel.version, sel.gemeente_code, sel.niveau, sel.jaar, "inwoners_aantal"
    )
    namen = dict(zip(codes["regio_code"], codes["regio_naam"], strict=True))
    postcodezoek.zoekveld(sel, namen)
    klik = geklikt()
    if klik in namen:
        st.session_state["regio"] = klik  # the picker shows the clicked region
        bezoek.onthoud(regio=klik)
    regio = bezoek.kies_regio(namen, sel.niveau, codes, "Zoek op naam of code")
    if regio is None:
        return None
    st.page_link(
        "app_pages/wijkprofiel.py",
        label=f"Open het Wijkprofiel van {namen[regio]} ({regio})",
        icon=":material/euro:",
        query_params={"gemeente": sel.gemeente_code, "niveau": sel.niveau, "regio": regio},
    )
    return regio


def _punten(geometrie: pd.DataFrame) -> pd.DataFrame:
    g = geometrie.dropna(subset=["geometrie_geojson"]).drop_duplicates("regio_code")
    texts = [x if isinstance(x, str) else json.dumps(x) for x in g["geometrie_geojson"]]
    if not texts:
        return pd.DataFrame(columns=["naam", "lon", "lat"])
    punten = shapely.point_on_surface(shapely.from_geojson(texts))
    return pd.DataFrame(
        {
            "naam": g["regio_naam"].astype(str).str.replace(VOORVOEGSEL, "", regex=True).to_numpy(),
            "code": g["regio_code"].astype(str).to_numpy(),
            "lon": shapely.get_x(punten),
            "lat": shapely.get_y(punten),
        }
    )


def lagen(
    geometrie: pd.DataFrame, gekozen: str | None, m_per_px: float | None = None
) -> list[pdk.Layer]:
    """Name labels (readable from about city-district zoom, hidden further out; left out when
    the first view, ``m_per_px`` metres per pixel, would show them under
    :data:`LABEL_MIN_PX`) and a dark outline around the chosen region."""
    punten = _punten(geometrie)
    meters = LABEL_METERS[_niveau(punten["code"])]
    if m_per_px is None and not punten.empty:
        texts = [g if isinstance(g, str) else json.dumps(g) for g in geometrie["geometrie_geojson"]]
        m_per_px = geo.beeld(shapely.total_bounds(shapely.from_geojson(texts)))["m_per_px"]
    lagen = []
    if m_per_px is None or meters / m_per_px >= LABEL_MIN_PX:
        lagen.append(_namen(punten, meters))
    if gekozen:
        rij = geometrie[geometrie["regio_code"] == gekozen].head(1)
        if not rij.empty:
            geom = rij["geometrie_geojson"].iloc[0]
            geom = geom if isinstance(geom, str) else json.dumps(geom)
            band = geo.rand(geom, m_per_px, GEKOZEN_PX)
            lagen.append(
                pdk.Layer(
                    "GeoJsonLayer",
                    data={"type": "Feature", "geometry": json.loads(band), "properties": {}},
                    id="gekozen",
                    # a filled band, not a stroke: the same shader as the map's polygons
                    stroked=False,
                    filled=True,
                    get_fill_color=[200, 0, 60],
                    pickable=False,
                )
            )
    return lagen


def _namen(punten: pd.DataFrame, meters: float) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        data=punten,
        id="namen",
        get_position=["lon", "lat"],
        get_text="naam",
        get_size=meters,
        # quoted: pydeck turns a bare string into a JavaScript expression
        size_units="'meters'",
        size_max_pixels=14,
        font_family="'Helvetica, Arial, sans-serif'",
        get_color=[30, 30, 30],
        character_set="'auto'",
        outline_width=2,
        outline_color=[255, 255, 255],
        font_settings={"sdf": True},
        get_text_anchor="'middle'",
        get_alignment_baseline="'center'",
        pickable=False,
    )


def _niveau(codes: pd.Series) -> str:
    """'buurt' when any point is a buurt (labels sized for buurten), else 'wijk'."""
    return "buurt" if any(is_regiocode(c, "buurt") for c in codes) else "wijk"
