"""Similar regions: nearest neighbours on a standardised, weighted indicator profile.

Counts (``eenheid == "aantal"``) are turned into "per 1000 inwoners" first, so that a large
and a small wijk with the same structure are alike. Missing stays missing: a feature missing
for the chosen region is left out (and reported); candidates may miss a feature, the
``nan_euclidean`` distance then scales up the distance over the features they do have.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

from geldstromen.domain.per_inwoner import per_inwoner

#: Themes the user can weigh, in display order (catalogue ``thema`` -> Dutch label).
THEMAS = {
    "bevolking": "Bevolkingsopbouw",
    "inkomen": "Inkomen",
    "wonen": "Wonen",
    "energie": "Energiegebruik",
    "sociaal": "Sociaal",
}
#: Indicators left out of the profile: pure size or area, not structure.
NIET_IN_PROFIEL = {"inwoners_aantal", "oppervlakte_totaal_ha", "oppervlakte_land_ha"}
#: A candidate needs at least this share of the used features.
MIN_AANDEEL_KENMERKEN = 0.5


@dataclass
class Vergelijking:
    """Result of :func:`vergelijkbaar`."""

    doel: str
    buren: pd.DataFrame  # regio_code, afstand, kenmerken_aantal, redenen
    kenmerken: list[str]
    uitgesloten: dict[str, str] = field(default_factory=dict)
    z: pd.DataFrame | None = None  # standardised profile of target + neighbours


def profiel(long: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, dict]]:
    """Wide profile (index regio_code, one column per indicator) and per-column metadata.

    ``long`` has regio_code, indicator, waarde, eenheid, label, thema (mart_indicator rows).
    Counts become per 1000 inwoners; size indicators are dropped.
    """
    if long.empty:
        return pd.DataFrame(), {}
    data = long.copy()
    data["waarde"] = pd.to_numeric(data["waarde"], errors="coerce")
    wide = data.pivot_table(
        index="regio_code", columns="indicator", values="waarde", aggfunc="first", dropna=False
    )
    meta = data.drop_duplicates("indicator").set_index("indicator")
    inwoners = wide["inwoners_aantal"] if "inwoners_aantal" in wide else None
    info: dict[str, dict] = {}
    out = {}
    for col in wide.columns:
        if col in NIET_IN_PROFIEL:
            continue
        row = meta.loc[col]
        label, eenheid = str(row.get("label", col)), str(row.get("eenheid", ""))
        values = wide[col]
        if eenheid == "aantal":
            if inwoners is None:
                continue
            values = per_inwoner(values, inwoners, per=1000)
            eenheid = "per 1000 inwoners"
        out[col] = values
        info[col] = {"label": label, "eenheid": eenheid, "thema": str(row.get("thema", ""))}
    return pd.DataFrame(out, index=wide.index), info


def gewichten_per_kenmerk(info: dict[str, dict], thema_gewichten: dict[str, float]) -> dict:
    """Weight per feature from weights per theme (themes not listed weigh 0)."""
    return {k: float(thema_gewichten.get(v["thema"], 0.0)) for k, v in info.items()}


def vergelijkbaar(
    wide: pd.DataFrame, doel: str, gewichten: dict[str, float], k: int = 5
) -> Vergelijking:
    """The ``k`` regions nearest to ``doel`` on the weighted standardised profile."""
    if doel not in wide.index:
        raise KeyError(f"{doel} heeft geen profiel")
    uitgesloten: dict[str, str] = {}
    kenmerken = []
    for col in wide.columns:
        w = gewichten.get(col, 0.0)
        if w <= 0:
            continue
        if pd.isna(wide.at[doel, col]):
            uitgesloten[col] = "ontbreekt voor dit gebied"
        elif wide[col].notna().sum() < 3 or wide[col].std(skipna=True) == 0:
            uitgesloten[col] = "te weinig spreiding tussen de gebieden"
        else:
            kenmerken.append(col)
    leeg = pd.DataFrame(columns=["regio_code", "afstand", "kenmerken_aantal", "redenen"])
    if not kenmerken:
        return Vergelijking(doel, leeg, [], uitgesloten)
    x = wide[kenmerken]
    aanwezig = x.notna().sum(axis=1)
    x = x[aanwezig >= max(1, int(np.ceil(MIN_AANDEEL_KENMERKEN * len(kenmerken))))]
    z = pd.DataFrame(StandardScaler().fit_transform(x), index=x.index, columns=kenmerken)
    scaled = z * np.sqrt([gewichten[c] for c in kenmerken])
    n = min(k + 1, len(scaled))
    nn = NearestNeighbors(n_neighbors=n, metric="nan_euclidean", algorithm="brute")
    nn.fit(scaled.to_numpy())
    dist, idx = nn.kneighbors(scaled.loc[[doel]].to_numpy())
    rows = []
    for d, i in zip(dist[0], idx[0], strict=True):
        code = scaled.index[i]
        if code == doel:
            continue
        diff = (z.loc[code] - z.loc[doel]).abs().dropna().sort_values()
        rows.append(
            {
                "regio_code": code,
                "afstand": float(d),
                "kenmerken_aantal": int(z.loc[code].notna().sum()),
                "redenen": list(diff.index[:3]),
            }
        )
    buren = pd.DataFrame(rows[:k], columns=leeg.columns)
    return Vergelijking(doel, buren, kenmerken, uitgesloten, z.loc[[doel, *buren["regio_code"]]])


#: Class features that define "gemeenten van dezelfde klasse" (as on the Wijkprofiel page).
KLASSE_KENMERKEN = ("gemeentegrootte", "stedelijkheid")


def klassegenoten(klassen: pd.DataFrame, gemeente_code: str) -> tuple[list[str], str | None]:
    """Gemeenten with the same size and urbanity class as ``gemeente_code`` (itself included)
    and the class as text; ``([], None)`` when the gemeente has no (complete) class.

    ``klassen`` has gemeente_code, jaar, kenmerk, waarde; the latest year per gemeente counts."""
    if klassen.empty:
        return [], None
    laatste = klassen.sort_values("jaar").drop_duplicates(["gemeente_code", "kenmerk"], keep="last")
    wide = laatste.pivot(index="gemeente_code", columns="kenmerk", values="waarde")
    wide = wide.reindex(columns=list(KLASSE_KENMERKEN))
    if gemeente_code not in wide.index or wide.loc[gemeente_code].isna().any():
        return [], None
    eigen = wide.loc[gemeente_code]
    peers = wide[(wide == eigen).all(axis=1)].index
    return sorted(peers), ", ".join(str(v) for v in eigen)
