"""Coverage of the store: year x level x indicator, with no silent holes.

Every catalogue indicator appears for every year and level that the store holds; a cell
without any value says ``ontbreekt`` and why, as far as it is known: not published that year
(the alias table of the source family, ``indicatoren/aliassen/<soort>.csv``), published but every cell empty (suppressed, or not yet published: CBS adds
income and energy to a KWB edition months later), the level missing from that year's sources,
or not in any source of that year (``onverklaard``).
"""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.kwb_aliassen import reden_afwezig

NIVEAUS = ("gemeente", "wijk", "buurt")
KOLOMMEN = ["jaar", "niveau", "indicator", "met_waarde", "regios", "dekking", "reden"]


def dekkingstabel(
    waarden: pd.DataFrame,
    regios: pd.DataFrame,
    kolommen: pd.DataFrame,
    catalogus: pd.DataFrame,
    jaren: list[int] | None = None,
) -> pd.DataFrame:
    """One row per jaar x niveau x catalogue indicator (see module docstring).

    ``waarden``: ``jaar, niveau, indicator, regios_met_rij, regios_met_waarde``;
    ``regios``: ``jaar, niveau, regios``; ``kolommen``: ``soort, jaar, bron_id, stem``.
    """
    jaren = sorted(jaren if jaren is not None else {int(j) for j in regios["jaar"]})
    w = waarden.set_index(["jaar", "niveau", "indicator"])
    n_regios = regios.set_index(["jaar", "niveau"])["regios"]
    stems = {(int(j), s) for j, s in zip(kolommen["jaar"], kolommen["stem"], strict=True)}
    soorten = {(s, int(j)) for s, j in zip(kolommen["soort"], kolommen["jaar"], strict=True)}
    per_indicator = catalogus.groupby("indicator")[["soort", "bron_kolom"]].apply(
        lambda g: list(zip(g["soort"], g["bron_kolom"], strict=True))
    )
    rows = []
    for jaar in jaren:
        for niveau in NIVEAUS:
            totaal = int(n_regios.get((jaar, niveau), 0))
            for indicator, bronnen in per_indicator.items():
                key = (jaar, niveau, indicator)
                met = int(w["regios_met_waarde"].get(key, 0)) if key in w.index else 0
                rijen = int(w["regios_met_rij"].get(key, 0)) if key in w.index else 0
                if met:
                    dekking = f"{met}/{totaal}"
                    reden = (
                        ""
                        if met >= totaal
                        else (f"{totaal - met} zonder waarde (onderdrukt of niet gepubliceerd)")
                    )
                else:
                    dekking = "ontbreekt"
                    reden = _reden(jaar, niveau, totaal, rijen, bronnen, stems, soorten)
                rows.append(
                    {
                        "jaar": jaar,
                        "niveau": niveau,
                        "indicator": indicator,
                        "met_waarde": met,
                        "regios": totaal,
                        "dekking": dekking,
                        "reden": reden,
                    }
                )
    return pd.DataFrame(rows, columns=KOLOMMEN)


def _reden(jaar, niveau, totaal, rijen, bronnen, stems, soorten) -> str:
    if totaal == 0:
        return f"geen {niveau}gegevens van {jaar} in de database"
    for soort, kolom in bronnen:
        reden = reden_afwezig(kolom, jaar, soort)  # the alias table of the source family
        if reden:
            naam = "KWB" if soort == "cbs_kwb" else soort
            return f"niet gepubliceerd in {naam} {jaar}: {reden}"
    if rijen or any((jaar, kolom) in stems for _, kolom in bronnen):
        return "kolom gepubliceerd, maar alle cellen leeg (onderdrukt of nog niet gepubliceerd)"
    families = sorted({soort for soort, _ in bronnen})
    if not any((soort, jaar) in soorten for soort in families):
        return f"geen bron ({', '.join(families)}) van {jaar} in de database"
    return f"niet in de bronnen ({', '.join(families)}) van {jaar} in de database (onverklaard)"


def samenvatting(tabel: pd.DataFrame) -> pd.DataFrame:
    """Per jaar x niveau: indicators with values, without, and without a known reason."""
    g = tabel.assign(
        met=tabel["met_waarde"] > 0,
        onverklaard=tabel["reden"].str.contains("onverklaard", regex=False),
    ).groupby(["jaar", "niveau"], sort=True)
    out = g.agg(
        regios=("regios", "max"),
        indicatoren=("indicator", "size"),
        met_waarde=("met", "sum"),
        onverklaard=("onverklaard", "sum"),
    ).reset_index()
    out["ontbreekt"] = out["indicatoren"] - out["met_waarde"]
    return out[
        ["jaar", "niveau", "regios", "indicatoren", "met_waarde", "ontbreekt", "onverklaard"]
    ]
