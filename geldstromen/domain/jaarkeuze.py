"""Which year a page opens on: the newest year in which the indicators the page needs have
values, per gemeente and level; and which region a page opens on when none was chosen.

Pure functions on the frame of the ``indicator_dekking`` query (niveau, jaar, indicator,
met_waarde, regio_aantal): a year *covers* a page when every indicator it needs has a value
in at least :data:`MIN_DEKKING` of the regions of that level and year."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from geldstromen.domain import regiocode
from geldstromen.domain.catalogus import indicator_catalogue

#: A needed indicator counts as present in a year when this share of the regions has a value.
MIN_DEKKING = 0.5

#: What each page needs (indicator ids of the catalogue). Pages not listed need inhabitants.
NODIG: dict[str, tuple[str, ...]] = {
    "kaart": ("inwoners_aantal",),
    "energietransitie": (
        "aardgas_m3_per_woning",
        "huish_laag_inkomen_pct",
        "corporatiewoningen_pct",
    ),
    "sociaal_domein": ("bijstand_aantal", "wmo_clienten_aantal", "jeugdzorg_aantal"),
    "vergelijk": (
        "inwoners_aantal",
        "huish_laag_inkomen_pct",
        "koopwoningen_pct",
        "aardgas_m3_per_woning",
        "bijstand_aantal",
    ),
    "scenario": (
        "woningen_aantal",
        "koopwoningen_pct",
        "corporatiewoningen_pct",
        "bouwjaar_voor_2000_pct",
        "huish_laag_inkomen_pct",
        "aardgas_m3_per_woning",
    ),
    "presentatie": ("inwoners_aantal", "huishoudens_aantal", "huish_laag_inkomen_pct"),
}


@dataclass(frozen=True)
class Jaarkeuze:
    """The years of a gemeente and level, those that cover the page, and the default."""

    jaren: list[int]  # every year with any indicator, newest first
    gedekt: list[int]  # years in which every needed indicator is present, newest first
    standaard: int | None  # newest covered year, else the year with most of them; None: no years

    def ontbreekt(self, dekking: pd.DataFrame, niveau: str, jaar: int, nodig) -> list[str]:
        """The needed indicators that have no (or too few) values in ``jaar``."""
        return ontbrekend(dekking, niveau, jaar, nodig)


def _aanwezig(dekking: pd.DataFrame, niveau: str) -> pd.DataFrame:
    d = dekking[dekking["niveau"] == niveau]
    aandeel = d["met_waarde"].astype(float) / d["regio_aantal"].clip(lower=1).astype(float)
    return d[aandeel >= MIN_DEKKING]


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """``{indicator: Dutch label}`` of the catalogue (the first label of an indicator)."""
    cat = indicator_catalogue().drop_duplicates("indicator")
    return dict(zip(cat["indicator"], cat["label"], strict=True))


def ontbrekend(dekking: pd.DataFrame, niveau: str, jaar: int, nodig: Iterable[str]) -> list[str]:
    """Indicators of ``nodig`` without values in at least half the regions in ``jaar``."""
    d = _aanwezig(dekking, niveau)
    present = set(d.loc[d["jaar"].astype(int) == int(jaar), "indicator"])
    return [i for i in nodig if i not in present]


def kies_jaar(dekking: pd.DataFrame, niveau: str, nodig: Sequence[str]) -> Jaarkeuze:
    """Years of ``niveau`` (newest first), the years covering ``nodig`` and the default year:
    the newest covered one, else the year in which the fewest of ``nodig`` are missing."""
    d = dekking[dekking["niveau"] == niveau]
    jaren = sorted({int(j) for j in d["jaar"]}, reverse=True)
    mist = {j: len(ontbrekend(dekking, niveau, j, nodig)) for j in jaren}
    gedekt = [j for j in jaren if mist[j] == 0]
    # no year has them all: the year with the most of them (the newest of equals)
    standaard = min(jaren, key=lambda j: (mist[j], -j)) if jaren else None
    return Jaarkeuze(jaren, gedekt, standaard)


def aangeboden(jaren: Sequence[int], gedekt: Sequence[int]) -> list[int]:
    """The years a page that needs its data offers: those of ``jaren`` that are ``gedekt``
    (newest first); all of ``jaren`` when none is, so the page can still say what is missing."""
    alleen = [j for j in jaren if j in set(gedekt)]
    return alleen or list(jaren)


def jaren_tekst(jaren: Sequence[int]) -> str:
    """``2019-2022, 2024`` (runs of consecutive years joined by a dash), newest last."""
    rij = sorted(set(int(j) for j in jaren))
    if not rij:
        return "geen"
    delen, start, vorige = [], rij[0], rij[0]
    for j in [*rij[1:], None]:
        if j is not None and j == vorige + 1:
            vorige = j
            continue
        delen.append(str(start) if start == vorige else f"{start}-{vorige}")
        if j is not None:
            start = vorige = j
    return ", ".join(delen)


def meest_inwoners(inwoners: pd.DataFrame, opties: Sequence[str]) -> str | None:
    """The code among ``opties`` with the most inhabitants (frame regio_code, waarde), else
    the first option; None without options."""
    if not opties:
        return None
    i = inwoners[inwoners["regio_code"].isin(opties)].dropna(subset=["waarde"])
    if i.empty:
        return opties[0]
    return str(i.sort_values("waarde", ascending=False, kind="stable")["regio_code"].iloc[0])


def _buurt_van(code: str, wijk_code: str) -> bool:
    r = regiocode.probeer(code)
    return r is not None and r.niveau == "buurt" and r.wijk_code == wijk_code


def verwante_regio(vorige: str | None, opties: Sequence[str]) -> str | None:
    """The previous region when it is an option; a buurt's wijk at wijk level; at buurt level
    the first buurt of a previous wijk; else None. CBS codes: WKggggww, BUggggwwbb."""
    if not vorige:
        return None
    if vorige in opties:
        return vorige
    r = regiocode.probeer(vorige)
    if r is None or r.code != vorige:
        return None
    if r.niveau == "buurt":
        return r.wijk_code if r.wijk_code in opties else None
    if r.niveau == "wijk":
        buurten = [o for o in opties if _buurt_van(o, r.code)]
        return buurten[0] if buurten else None
    return None
