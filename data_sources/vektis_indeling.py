"""Crosswalk step: the gemeente indeling a Vektis file follows, read from its names.

Vektis writes gemeenten by name only, and the indeling behind the names is not constant: the
files as first published used the indeling of about two years later, and the copies that can
be downloaded today for 2011-2018 were republished on a newer one. So the year is determined
from the names themselves: every complete gemeente list in the store (``raw_regio`` GM rows
of one year with at least :data:`MIN_LIJST` gemeenten: KWB years, code lists, geometries) is
compared with the file's names (the matching rules of the crosswalk,
:func:`geldstromen.domain.gemeentenamen.match_namen`: exact key, alias, or without province
suffix when unique), and the year whose list matches best wins.

Outcomes per file (written to ``raw_vektis_reeks.jaar_indeling``,
``raw_gemeentenaam.jaar_indeling`` and the ``bron`` remark, with the match rate):

* **bepaald**: a year's list is the file's list (at most :data:`MAX_VERSCHIL` names differ
  either way; neighbouring years differ by a merger or two, so a looser rule would take a
  neighbour for the year); ties between identical lists go to the year nearest the stated one.
* **niet bevestigd**: no list matches exactly but one covers at least :data:`MIN_DEKKING` of
  the names (the store lacks that year's list): the stated year is kept (``_indeling<YYYY>``
  in the file name, else jaar + 2) and the nearest list is named.
* **niet gecontroleerd**: no complete list in the store; the stated year is kept.
* **refused**: the best list covers less than :data:`MIN_DEKKING`: a Dutch
  :class:`~data_sources.base.IngestFout` and the whole ingest is rolled back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import select, update

from data_sources.base import IngestFout
from data_sources.vektis import indeling_jaar
from geldstromen.domain.gemeentenamen import _aliases, _without_suffix, naam_sleutel
from geldstromen.schema import bron, raw_gemeentenaam, raw_regio, raw_vektis_reeks

#: A year's gemeente list takes part only when it covers all of NL (NL had 342-418
#: gemeenten in 2011-2025); partial lists (one province, one city) cannot judge a file.
MIN_LIJST = 300
#: Names that may differ (file names without a match plus list gemeenten without a name) for
#: a list to *be* the file's list: one spelling the aliases do not cover.
MAX_VERSCHIL = 1
#: Share of the file's names the best list must match; less and the file is refused.
MIN_DEKKING = 0.80

_MARKER = " | Indeling: "


@dataclass(frozen=True)
class Indeling:
    """The indeling year of one file and how it was found."""

    jaar: int
    status: str  # bepaald, niet bevestigd, niet gecontroleerd
    namen: int = 0
    gevonden: int = 0
    lijst_jaar: int | None = None
    lijst_grootte: int = 0
    jaccard: float = 0.0

    @property
    def dekking(self) -> float:
        """Share of the file's names found in the chosen list."""
        return self.gevonden / self.namen if self.namen else 0.0

    def tekst(self) -> str:
        """Dutch one-liner for the bron record and the Bronnen page."""
        if self.status == "bepaald":
            return (
                f"gemeente-indeling {self.jaar} bepaald op naam: {self.gevonden} van "
                f"{self.namen} namen ({self.dekking:.0%}) in de CBS-lijst {self.lijst_jaar} "
                f"({self.lijst_grootte} gemeenten)"
            )
        if self.status == "niet bevestigd":
            return (
                f"gemeente-indeling {self.jaar} aangehouden (niet bevestigd): geen lijst in de "
                f"opslag past precies; dichtstbij is {self.lijst_jaar} met {self.gevonden} van "
                f"{self.namen} namen ({self.dekking:.0%})"
            )
        return (
            f"gemeente-indeling {self.jaar} aangehouden (niet gecontroleerd: geen landelijke lijst)"
        )


def referentielijsten(conn) -> pd.DataFrame:
    """Gemeente code/name per year from ``raw_regio`` (complete lists only)."""
    ref = pd.read_sql_query(
        select(raw_regio.c.regio_code, raw_regio.c.regio_naam, raw_regio.c.jaar)
        .where(raw_regio.c.regio_code.like("GM%"))
        .distinct(),
        conn,
    )
    ref = ref.rename(columns={"regio_code": "gemeente_code", "regio_naam": "gemeente_naam"})
    ref = ref.dropna(subset=["gemeente_naam"])
    ref["gemeente_code"] = ref["gemeente_code"].str.strip()
    ref = ref.drop_duplicates(["jaar", "gemeente_code"])
    grootte = ref.groupby("jaar")["gemeente_code"].transform("nunique")
    ref = ref[grootte >= MIN_LIJST].reset_index(drop=True)
    return ref.assign(sleutel=ref["gemeente_naam"].map(naam_sleutel))  # once for all files


def bepaal_indeling(
    namen: pd.Series, referentie: pd.DataFrame, gesteld: int, naam: str = "bestand"
) -> Indeling:
    """The indeling year of a file with gemeente ``namen``; ``gesteld`` is the year the file
    states (or the default), used for ties and when no list in ``referentie`` decides.
    Raises :class:`IngestFout` when even the best list matches too few names."""
    uniek = pd.Series(namen).dropna().astype(str).str.strip()
    uniek = pd.Series(sorted(set(uniek[uniek != ""])))
    if uniek.empty or referentie.empty:
        return Indeling(gesteld, "niet gecontroleerd", namen=len(uniek))
    if "sleutel" not in referentie.columns:
        referentie = referentie.assign(sleutel=referentie["gemeente_naam"].map(naam_sleutel))
    aliassen = _aliases()
    sleutels = [naam_sleutel(n) for n in uniek]
    kandidaten = []
    for jaar, lijst in referentie.groupby("jaar"):
        jaar = int(jaar)
        codes = len(_gekoppeld(sleutels, lijst, aliassen))
        grootte = lijst["gemeente_code"].nunique()
        jaccard = codes / (len(uniek) + grootte - codes)
        kandidaten.append((jaccard, -abs(jaar - gesteld), jaar, codes, grootte))
    jaccard, _, jaar, codes, grootte = max(kandidaten)
    gevonden = Indeling(gesteld, "", len(uniek), codes, jaar, grootte, jaccard)
    if gevonden.dekking < MIN_DEKKING:
        raise IngestFout(
            f"{naam}: de gemeentenamen passen bij geen enkele gemeente-indeling in de opslag "
            f"(beste: CBS-lijst {jaar} met {codes} van {len(uniek)} namen, "
            f"{gevonden.dekking:.0%}; minimaal {MIN_DEKKING:.0%} nodig). Is dit een "
            "Vektis-gemeentebestand? Haal de KWB-jaren met de gemeentelijsten op "
            "(ingest --online) of geef het jaar in de bestandsnaam (_indeling<JJJJ>)."
        )
    if (len(uniek) - codes) + (grootte - codes) <= MAX_VERSCHIL:
        return Indeling(jaar, "bepaald", len(uniek), codes, jaar, grootte, jaccard)
    return Indeling(gesteld, "niet bevestigd", len(uniek), codes, jaar, grootte, jaccard)


def _gekoppeld(sleutels: list[str], lijst: pd.DataFrame, aliassen: dict[str, str]) -> set[str]:
    """GM codes of one year's list that the file's name keys reach, by the crosswalk's rules
    (exact key, alias, or the key without province suffix when that is unique in the list)."""
    exact = dict(zip(lijst["sleutel"], lijst["gemeente_code"], strict=True))
    kaal: dict[str, set[str]] = {}
    for key, code in exact.items():
        kaal.setdefault(_without_suffix(key), set()).add(code)
    codes = set()
    for key in sleutels:
        if key in exact:
            codes.add(exact[key])
        elif aliassen.get(key) in exact:
            codes.add(exact[aliassen[key]])
        elif len(kaal.get(_without_suffix(key), ())) == 1:
            codes |= kaal[_without_suffix(key)]
    return codes


def _gesteld(bestand: str | None, jaar: int) -> int:
    return indeling_jaar(Path(bestand or ""), jaar)


def pas_toe(conn) -> dict[str, Indeling]:
    """Determine and store the indeling of every Vektis source in the store (run before the
    crosswalk, inside the ingest transaction); returns the result per ``bron_id``."""
    bronnen = conn.execute(
        select(bron.c.bron_id, bron.c.jaar, bron.c.bestand, bron.c.opmerking).where(
            bron.c.soort == "vektis"
        )
    ).all()
    if not bronnen:
        return {}
    referentie = referentielijsten(conn)
    uitkomst = {}
    for rij in bronnen:
        namen = pd.read_sql_query(
            select(raw_gemeentenaam.c.naam).where(raw_gemeentenaam.c.bron_id == rij.bron_id),
            conn,
        )["naam"]
        if namen.empty or rij.jaar is None:
            continue  # national rates: no names, nothing to link
        indeling = bepaal_indeling(
            namen, referentie, _gesteld(rij.bestand, int(rij.jaar)), rij.bestand or rij.bron_id
        )
        for tabel in (raw_vektis_reeks, raw_gemeentenaam):
            conn.execute(
                update(tabel)
                .where(tabel.c.bron_id == rij.bron_id)
                .values(jaar_indeling=indeling.jaar)
            )
        basis = re.split(re.escape(_MARKER), rij.opmerking or "")[0]
        conn.execute(
            update(bron)
            .where(bron.c.bron_id == rij.bron_id)
            .values(opmerking=f"{basis}{_MARKER}{indeling.tekst()}")
        )
        uitkomst[rij.bron_id] = indeling
    return uitkomst
