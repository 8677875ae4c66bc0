"""Sociaal domein per region (pure pandas): counts per 1000 inwoners and the gemeente's
allocated 6.x lasten grouped into inkomen, Wmo, jeugd and participatie, per inwoner and per
client. Every per-inhabitant figure goes through :mod:`geldstromen.domain.per_inwoner`
(missing below the minimum population, never 0 or infinite)."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.per_inwoner import per_inwoner, reden
from geldstromen.domain.taakvelden import taakvelden

#: KWB counts shown per 1000 inwoners on the Sociaal domein page.
AANTALLEN = [
    "bijstand_aantal",
    "ao_aantal",
    "ww_aantal",
    "aow_aantal",
    "wmo_clienten_aantal",
    "jeugdzorg_aantal",
]
#: Groups of 6.x taakvelden and the client count each is divided by (None: per inwoner only).
GROEPEN = {
    "sociaal_domein": ("Sociaal domein totaal (6.x)", None),
    "inkomen": ("Inkomensregelingen (6.3)", "bijstand_aantal"),
    "wmo": ("Wmo (6.21, 6.6, 6.71, 6.91)", "wmo_clienten_aantal"),
    "jeugd": ("Jeugd (6.22, 6.72, 6.82, 6.92)", "jeugdzorg_aantal"),
    "participatie": ("Participatie (6.4, 6.5)", None),
}


def per_1000(tabel: pd.DataFrame) -> pd.DataFrame:
    """Adds ``<x>_per_1000`` for every count of :data:`AANTALLEN` (same KWB year) and
    ``per_inwoner_toelichting`` (why a per-inhabitant figure is missing)."""
    out = tabel.copy()
    for col in AANTALLEN:
        out[col.replace("_aantal", "_per_1000")] = per_inwoner(
            out[col], out["inwoners_aantal"], per=1000
        )
    out["per_inwoner_toelichting"] = reden(out["inwoners_aantal"])
    return out


def taakveld_groep(codes: pd.Series) -> pd.DataFrame:
    """Per taakveld code: its group of :data:`GROEPEN` (None outside them) and whether it is a
    6.x taakveld. Taakvelden of another Iv3 set are matched through their series code."""
    tv = taakvelden().set_index("taakveld_code")["reeks_code"]
    reeks = codes.map(tv).fillna(codes)
    hoofd = codes.str.split(".").str[0]
    groep = pd.Series(None, index=codes.index, dtype=object)
    groep[reeks == "6.3"] = "inkomen"
    groep[reeks.isin(["6.6", "6.71", "6.91"]) | codes.isin(["6.21", "6.60"])] = "wmo"
    groep[reeks.isin(["6.72", "6.82", "6.92"]) | (codes == "6.22")] = "jeugd"
    groep[reeks.isin(["6.4", "6.5"])] = "participatie"
    return pd.DataFrame({"groep": groep, "zes": hoofd == "6"})


def _tv_sorteer(code: str) -> tuple:
    """6.3 before 6.71 before 6.81 (numeric parts)."""
    return tuple(int(p) if p.isdigit() else 0 for p in str(code).split("."))


def sociaal_geld(
    flows: pd.DataFrame, opmerking: str, tabel: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """Allocated 6.x lasten per region and group, per inwoner and per client (wide).

    ``flows``: allocated gemeente flows (regio_code, taakveld_code, bedrag_eur, sleutel);
    ``tabel``: one row per region with ``inwoners_aantal`` and the client counts."""
    if flows.empty:
        return tabel, [f"Gemeente: geen toegerekende lasten ({opmerking})."]
    f = flows.join(taakveld_groep(flows["taakveld_code"].astype(str)))
    f = f[f["zes"]]
    per = f.groupby(["regio_code", "groep"])["bedrag_eur"].sum().unstack()
    per["sociaal_domein"] = f.groupby("regio_code")["bedrag_eur"].sum()
    per = per.reindex(columns=list(GROEPEN)).add_suffix("_eur").reset_index()
    codes = set(tabel["regio_code"])
    n_match = len(codes & set(per["regio_code"]))
    out = tabel.merge(per, on="regio_code", how="left")
    for g, (_, teller) in GROEPEN.items():
        out[f"{g}_per_inwoner_eur"] = per_inwoner(out[f"{g}_eur"], out["inwoners_aantal"])
        if teller:
            out[f"{g}_per_client_eur"] = out[f"{g}_eur"] / out[teller].where(out[teller] > 0)
    # per taakveld the key that placed most of its money in the gemeente's regions (not the
    # text of whichever region came first: that could describe another wijk than the table)
    sleutels = (
        f.dropna(subset=["groep"])
        .groupby(["taakveld_code", "sleutel"], as_index=False)["bedrag_eur"]
        .sum()
        .sort_values(["bedrag_eur", "sleutel"], ascending=[False, True])
        .drop_duplicates("taakveld_code")
        .sort_values("taakveld_code", key=lambda s: s.map(_tv_sorteer))
    )
    uitleg = "; ".join(f"{r.taakveld_code}: {r.sleutel}" for r in sleutels.itertuples())
    return out, [
        f"Gemeente: {n_match} van {len(codes)} gebieden gekoppeld aan de toerekening "
        f"(exacte code; toegerekend met sleutels {uitleg}).",
    ]
