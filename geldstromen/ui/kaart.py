"""Renderers for the Kaart page: a choropleth (pydeck; a basemap only when the deployment
configures one) with legend, and the table."""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from geldstromen import geo
from geldstromen.cached import kaart as cached_kaart
from geldstromen.config import get_settings
from geldstromen.domain import opmaak
from geldstromen.ui import bezoek, kaartkeuze, state
from geldstromen.ui.filters import Selectie
from geldstromen.ui.tabellen import waarde_tabel

#: Sequential palette (light -> dark blue-green); no grey in it.
KLEUREN = [[255, 255, 178], [161, 218, 180], [65, 182, 196], [44, 127, 184], [37, 52, 148]]
#: "geen gegevens": a neutral grey, clearly apart from the palette, never the colour of 0.
GEEN_GEGEVENS = [190, 190, 190]
KAART_HOOGTE = geo.KAART_HOOGTE_PX


class KompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation (pydeck indents by 2: ~3x the bytes for maps), and
    whose layer data may be JSON text made beforehand (:meth:`vooraf`), put in as it is."""

    def vooraf(self, tekst: str) -> str:
        """A placeholder for layer data that is already JSON text (cached: no features to
        rebuild or unpickle on a rerun)."""
        teksten = self.__dict__.setdefault("_vooraf", {})
        key = f"__vooraf_{len(teksten)}__"
        teksten[key] = tekst
        return key

    def to_json(self) -> str:
        vooraf = self.__dict__.pop("_vooraf", {})  # not an attribute of the deck.gl spec
        try:
            text = json.dumps(
                self, sort_keys=True, default=default_serialize, separators=(",", ":")
            )
        finally:
            if vooraf:
                self._vooraf = vooraf
        for key, tekst in vooraf.items():
            text = text.replace(json.dumps(key), tekst, 1)
        return text


def _fmt(value: float, decimals: int | None = None) -> str:
    if pd.isna(value):
        return "geen gegevens"
    return opmaak.getal(value, decimals)


def _decimalen(known: pd.Series) -> int:
    """Display precision of a legend: whole numbers from 100 up, else one decimal."""
    return 0 if not known.empty and known.abs().max() >= 100 else 1


def klassen(values: pd.Series, n: int = len(KLEUREN)) -> list[float]:
    """Class breaks (quantiles at display precision, duplicates removed) of the non-missing
    values: lower edges. Values that look equal in the legend make one class, not five."""
    known = values.dropna().astype(float)
    if known.empty:
        return []
    quantiles = np.quantile(known, np.linspace(0, 1, n + 1))
    breaks = np.unique(np.round(quantiles, _decimalen(known)))
    return [float(b) for b in breaks[:-1]] if len(breaks) > 1 else [float(breaks[0])]


def _klasse(value: float, breaks: list[float]) -> int | None:
    if pd.isna(value) or not breaks:
        return None
    return max(0, int(np.searchsorted(breaks, value, side="right")) - 1)


def _kleur(index: int | None, breaks: list[float]) -> list[int]:
    if index is None:
        return GEEN_GEGEVENS
    step = (len(KLEUREN) - 1) / max(len(breaks) - 1, 1)
    return KLEUREN[round(index * step)]


def _samen(waarden: pd.DataFrame, geometrie: pd.DataFrame) -> pd.DataFrame:
    """One row per polygon, with its value (NULL when the region has no value); a region with
    values from several sources gets its first non-missing one."""
    cols = [
        c for c in ("regio_code", "regio_naam", "waarde", "toelichting") if c in waarden.columns
    ]
    een = waarden[cols].sort_values("waarde", na_position="last", kind="stable")
    een = een.drop_duplicates("regio_code").rename(columns={"regio_naam": "naam_data"})
    merged = (
        geometrie[["regio_code", "regio_naam", "geometrie_geojson"]]
        .drop_duplicates("regio_code")
        .merge(een, on="regio_code", how="left")
    )
    if "naam_data" in merged.columns:
        merged["regio_naam"] = merged["naam_data"].fillna(merged["regio_naam"])
    if "toelichting" not in merged.columns:
        merged["toelichting"] = ""
    # why a value is missing, when the page says so (e.g. "te weinig inwoners")
    merged["toelichting"] = merged["toelichting"].fillna("").astype(str)
    merged.loc[merged["waarde"].notna(), "toelichting"] = ""
    return merged


def _zonder_code(naam: str, code: str) -> str:
    """The tooltip adds the code itself: 'naam onbekend (WK036300)' shows it once."""
    return naam.removesuffix(f" ({code})") if naam != code else naam


def _constant(waarden: pd.DataFrame, col: str, fallback) -> str:
    values = waarden[col].dropna().astype(str).unique() if col in waarden.columns else []
    return ", ".join(sorted(values)) if len(values) else str(fallback or "")


def _tekst(value) -> str:
    """HTML-escaped text for the tooltip *template* (braces would be read as placeholders).

    Feature properties ({naam}, {code}, {waarde}) are not escaped here: Streamlit escapes every
    value it puts into an ``html`` tooltip, so escaping them too would show ``&amp;#x27;`` for
    ``'s-Gravenhage``. ``tests/browser/test_xss_namen.py`` checks both in Chromium."""
    return html.escape(str(value)).replace("{", "(").replace("}", ")")


def _beeld(geoms: pd.Series) -> dict:
    """First view (centre, zoom, metres per pixel) of the polygons, see :func:`geo.beeld`."""
    texts = [g if isinstance(g, str) else json.dumps(g) for g in geoms.dropna()]
    if not texts:
        return {"longitude": 5.3, "latitude": 52.2, "zoom": 6.5, "m_per_px": 760.0}
    return geo.beeld(shapely.total_bounds(shapely.from_geojson(texts)))


def _view(beeld: dict) -> pdk.ViewState:
    return pdk.ViewState(
        longitude=beeld["longitude"], latitude=beeld["latitude"], zoom=beeld["zoom"], pitch=0
    )


def choropleth(waarden: pd.DataFrame, geometrie: pd.DataFrame, info: dict) -> pdk.Deck:
    """A choropleth of ``waarden`` (regio_code, waarde[, regio_naam, jaar, methode, bron]) on
    ``geometrie`` (regio_code, regio_naam, geometrie_geojson); regions without a value are
    grey ("geen gegevens"). ``info`` gives label, eenheid and optionally methode, jaar, bron."""
    merged = _samen(waarden, geometrie)
    return _deck(merged, klassen(merged["waarde"]), waarden, info)


def _deck(merged: pd.DataFrame, breaks: list[float], waarden: pd.DataFrame, info: dict):
    beeld = _beeld(merged["geometrie_geojson"])
    kenmerken = _kenmerken(merged, tuple(breaks), str(info.get("eenheid", "")))
    jaar = _tekst(_constant(waarden, "jaar", info.get("jaar")))
    methode = _tekst(_constant(waarden, "methode", info.get("methode")))
    bron = _tekst(_constant(waarden, "bron", info.get("bron")))
    tooltip = {
        "html": (
            "<b>{naam}</b> ({code})<br/>"
            f"{_tekst(info.get('label', ''))}: <b>{{waarde}}</b><br/>"
            f"Jaar {jaar} · methode: {methode}<br/><small>{opmaak.met_kop('Bron', bron)}</small>"
        ),
        "style": {"backgroundColor": "#222", "color": "white", "fontSize": "12px"},
    }
    layer = pdk.Layer(
        "GeoJsonLayer",
        data="",  # set below: the cached FeatureCollection text
        id="choropleth",
        get_fill_color="properties.kleur",
        opacity=1.0,
        # outlines are a band of polygons on top (geo.randen): one shader, not a path shader
        stroked=False,
        filled=True,
        pickable=True,
        auto_highlight=True,
    )
    layers = [layer]
    rand = cached_kaart.randen(merged["geometrie_geojson"])
    if rand:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data={"type": "Feature", "geometry": json.loads(rand), "properties": {}},
                id="randen",
                get_fill_color=[255, 255, 255],
                stroked=False,
                filled=True,
                pickable=False,  # a click on an outline picks the region under it
            )
        )
    deck = KompactDeck(
        layers=layers,
        initial_view_state=_view(beeld),
        map_provider=None,
        tooltip=tooltip,
        **_basemap(),
    )
    layer.data = deck.vooraf(kenmerken)
    return deck


@st.cache_data(max_entries=64, show_spinner=False)
def _kenmerken(merged: pd.DataFrame, breaks: tuple[float, ...], eenheid: str) -> str:
    """The map's GeoJSON FeatureCollection as text, cached per content: a rerun with the same
    polygons and values (a click, another widget) skips formatting thousands of regions."""
    features = []
    for row in merged.itertuples(index=False):
        index = _klasse(row.waarde, list(breaks))
        geometry = row.geometrie_geojson
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(geometry) if isinstance(geometry, str) else geometry,
                "properties": {
                    "naam": _zonder_code(str(row.regio_naam), str(row.regio_code)),
                    "code": str(row.regio_code),
                    "waarde": row.toelichting
                    or _fmt(row.waarde) + (f" {eenheid}" if index is not None else ""),
                    "kleur": _kleur(index, list(breaks)),
                },
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, sort_keys=True, separators=(",", ":"))


def _basemap() -> dict:
    """The deployment's basemap (GELDSTROMEN_BASEMAP_URL), else none. ``map_style=None`` is
    not "none": Streamlit then fills in a Carto basemap, so every visitor's browser would ask
    that host for the tiles of the wijk on screen. Leaving ``map_style`` out keeps pydeck's
    placeholder, for which Streamlit draws no basemap at all."""
    url = get_settings().basemap_url
    return {"map_style": url} if url else {}


def legenda_html(waarden: pd.DataFrame, geometrie: pd.DataFrame, info: dict) -> str:
    """Legend: class ranges with colour, unit and count, and the grey "geen gegevens" count."""
    merged = _samen(waarden, geometrie)
    return _legenda(merged, klassen(merged["waarde"]), info)


def _legenda(merged: pd.DataFrame, breaks: list[float], info: dict) -> str:
    known = merged["waarde"].dropna().astype(float)
    idx = merged["waarde"].map(lambda v: _klasse(v, breaks))
    rows = []
    dec = _decimalen(known)
    for i, low in enumerate(breaks):
        high = breaks[i + 1] if i + 1 < len(breaks) else float(known.max())
        label = f"{_fmt(low, dec)} – {_fmt(high, dec)}" if high != low else _fmt(low, dec)
        rows.append((_kleur(i, breaks), label, int((idx == i).sum())))
    redenen = merged["toelichting"].where(idx.isna(), "")
    for reden in sorted(set(redenen) - {""}):
        rows.append((GEEN_GEGEVENS, f"{reden} (niet 0)", int((redenen == reden).sum())))
    rows.append(
        (GEEN_GEGEVENS, "geen gegevens (niet 0)", int((idx.isna() & (redenen == "")).sum()))
    )
    items = "".join(
        '<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="display:inline-block;width:18px;height:14px;border:1px solid #666;'
        f'background:rgb({c[0]},{c[1]},{c[2]})"></span>'
        f"<span>{html.escape(label)} <small>({n} {'gebied' if n == 1 else 'gebieden'})</small>"
        "</span></div>"
        for c, label, n in rows
    )
    title = html.escape(f"{info.get('label', '')} ({info.get('eenheid', '')})")
    return f'<div class="kaart-legenda"><b>Legenda: {title}</b>{items}</div>'


def toon_kaart(waarden: pd.DataFrame, geometrie: pd.DataFrame, koppeling: dict, info: dict):
    """Map + legend, or a clear note when no polygons fit the data."""
    if koppeling.get("melding"):
        (st.info if koppeling.get("jaar") else st.warning)(koppeling["melding"])
    if geometrie.empty:
        return None
    merged = _samen(waarden, geometrie)  # once for both the map and its legend
    breaks = klassen(merged["waarde"])
    deck = _deck(merged, breaks, waarden, info)
    m_per_px = _beeld(merged["geometrie_geojson"])["m_per_px"]
    deck.layers.extend(kaartkeuze.lagen(geometrie, bezoek.vorige("regio"), m_per_px))
    kaart, legenda = st.columns([4, 1])
    with kaart:
        st.pydeck_chart(
            deck,
            height=KAART_HOOGTE,
            key=kaartkeuze.KAART,
            on_select="rerun",
            selection_mode="single-object",
        )
        st.caption("Klik op een gebied om het te kiezen; zoek er een in de zijbalk.")
    with legenda:
        st.html(_legenda(merged, breaks, info))
        zonder = len(set(waarden["regio_code"]) - set(geometrie["regio_code"]))
        if zonder:
            st.caption(f"{zonder} gebieden met gegevens hebben geen kaartvlak (zie tabel).")
    return deck


def render(sel: Selectie, indicator: str, info: dict) -> None:
    """Header, map with legend, and the table of values with method and source."""
    heel_nl = st.sidebar.toggle(
        "Heel Nederland",
        value=state.lees_vlag("heel_nl"),
        key="heel_nl",
        help="Alle gemeenten op dit niveau (lichter vereenvoudigde grenzen).",
    )
    state.schrijf(heel_nl="1" if heel_nl else None)
    code = cached_kaart.HEEL_NL if heel_nl else sel.gemeente_code
    waarden, geometrie, koppeling = cached_kaart.kaart_gegevens(
        sel.version, code, sel.niveau, sel.jaar, indicator
    )
    gebied = "Nederland" if heel_nl else sel.gemeente_naam
    st.subheader(f"{info['label']} per {sel.niveau}, {gebied}, {sel.jaar}")
    missing = int(waarden["waarde"].isna().sum())
    st.caption(
        f"Eenheid: {info['eenheid']} · methode: {info['methode']} · "
        f"{len(waarden) - missing} van {len(waarden)} gebieden met een waarde"
        + (f"; {missing} zonder gegevens (geheim of onbekend bij CBS, niet 0)" if missing else "")
    )
    toon_kaart(waarden, geometrie, koppeling, {**info, "jaar": sel.jaar})
    naam = "NL" if heel_nl else sel.gemeente_code
    waarde_tabel(waarden, bestandsnaam=f"{indicator}_{naam}_{sel.niveau}_{sel.jaar}")
    alle_indicatoren(sel)


def alle_indicatoren(sel: Selectie) -> None:
    """All indicators of the gemeente, level and year as one download (the table of
    ``geldstromen export indicatoren``), only on request."""
    if not st.toggle(
        f"Alle indicatoren van {sel.gemeente_naam} ({sel.niveau}, {sel.jaar}) tonen en downloaden",
        key="kaart_alle_indicatoren",
    ):
        return
    tabel = cached_kaart.alle_indicatoren(sel.version, sel.gemeente_code, sel.niveau, sel.jaar)
    if tabel.empty:
        st.info(f"Geen indicatoren voor {sel.gemeente_naam} op {sel.niveau}niveau in {sel.jaar}.")
        return
    waarde_tabel(
        tabel,
        f"indicatoren_{sel.gemeente_code}_{sel.niveau}_{sel.jaar}",
        {
            "tabel": "indicatoren",
            "gemeente": sel.gemeente_code,
            "niveau": sel.niveau,
            "jaar": str(sel.jaar),
        },
    )
