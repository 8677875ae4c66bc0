"""Reading the query parameters of a shared link: every value is bounded, checked and clamped
here, and a value that does not fit is reported (in Dutch) instead of reaching a widget.

Pure functions on strings; :mod:`geldstromen.ui.state` applies them to ``st.query_params``.
A link is written by anyone, so nothing in it is trusted: a parameter longer than
:data:`MAX_LENGTE` or with control characters is ignored as a whole, a list keeps at most
:data:`MAX_ITEMS` known items, and a weight is a finite number clamped to the slider's range.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: Characters of one ordinary parameter (codes, years, lists of gemeente codes, weights).
MAX_LENGTE = 400
#: Items of a comma-separated list.
MAX_ITEMS = 50
#: The range and step of a profile weight (the Vergelijk slider).
GEWICHT_MIN, GEWICHT_MAX, GEWICHT_STAP = 0.5, 3.0, 0.5

#: Dutch names of the parameters, for the note a page shows when a link's value is not used.
NAMEN = {
    "gemeente": "gemeente",
    "niveau": "niveau",
    "jaar": "jaar",
    "indicator": "indicator",
    "regio": "gebied",
    "bereik": "vergelijk met",
    "ref": "referentiegemeenten",
    "gewichten": "gewichten",
    "k": "aantal vergelijkbare gebieden",
    "iv3_jaar": "jaar (Iv3)",
    "stuk": "stuk",
    "kleur": "kleur van de kaart",
    "hoofdtaakveld": "hoofdtaakveld",
    "kant": "kant",
    "fam": "families",
    "circulaire": "circulaire",
    "klasse": "klasse",
    "presentatie": "presentatiemodus",
    "heel_nl": "heel Nederland",
    "scenario": "scenario",
    "taakvelden": "alle taakvelden",
}


@dataclass(frozen=True)
class Gelezen:
    """A parsed parameter: the value to use (None: the page's default) and, when the link's
    value was not used as written, the Dutch reason."""

    waarde: object
    probleem: str | None = None


def naam(key: str) -> str:
    """The Dutch name of a parameter (the key itself when unknown)."""
    return NAMEN.get(key, key)


def tekst(ruw: str | None, max_lengte: int = MAX_LENGTE) -> Gelezen:
    """The raw value when it is a bounded, printable string; else None with the reason."""
    if ruw is None:
        return Gelezen(None)
    if len(ruw) > max_lengte:
        return Gelezen(None, f"te lang ({len(ruw)} tekens, maximaal {max_lengte})")
    if any(ord(c) < 32 or ord(c) == 127 for c in ruw):
        return Gelezen(None, "bevat stuurtekens")
    return Gelezen(ruw)


def keuze(ruw: str | None, opties: Iterable) -> Gelezen:
    """The option whose string form equals the value; None (with the reason) when none does."""
    t = tekst(ruw)
    if t.waarde is None:
        return t
    for optie in opties:
        if str(optie) == t.waarde:
            return Gelezen(optie)
    return Gelezen(None, "niet beschikbaar voor deze keuze")


def lijst(ruw: str | None, opties: Iterable | None = None) -> Gelezen:
    """Comma-separated items (known ones only when ``opties`` is given, duplicates once, at
    most :data:`MAX_ITEMS`)."""
    t = tekst(ruw)
    if t.waarde is None:
        return t
    items = list(dict.fromkeys(v for v in t.waarde.split(",") if v))
    problemen = []
    if opties is not None:
        toegestaan = {str(o) for o in opties}
        bekend = [v for v in items if v in toegestaan]
        if len(bekend) < len(items):
            problemen.append(f"{len(items) - len(bekend)} onbekende waarde(n) genegeerd")
        items = bekend
    if len(items) > MAX_ITEMS:
        problemen.append(f"alleen de eerste {MAX_ITEMS} gebruikt")
        items = items[:MAX_ITEMS]
    return Gelezen(items, "; ".join(problemen) or None)


def _gewicht(waarde: str) -> float | None:
    try:
        w = float(waarde)
    except ValueError:
        return None
    return w if math.isfinite(w) else None


def gewichten(ruw: str | None, themas: Iterable[str]) -> Gelezen:
    """``{thema: gewicht}`` from ``a:1,b:2``: known themes only, each weight a finite number;
    0 switches a theme off (left out), a negative weight is refused, other weights are clamped to
    [:data:`GEWICHT_MIN`, :data:`GEWICHT_MAX`] on the slider's step."""
    t = tekst(ruw)
    if t.waarde is None:
        return t
    toegestaan, uit, problemen = set(themas), {}, []
    for paar in t.waarde.split(","):
        if not paar:
            continue
        thema, _, waarde = paar.partition(":")
        w = _gewicht(waarde)
        if thema not in toegestaan:
            problemen.append("onbekend thema genegeerd")
        elif w is None:
            problemen.append(f"gewicht voor {thema} is geen eindig getal")
        elif w < 0:
            problemen.append(f"gewicht voor {thema} is negatief")
        elif w > 0:
            geklemd = min(max(w, GEWICHT_MIN), GEWICHT_MAX)
            geklemd = round(geklemd / GEWICHT_STAP) * GEWICHT_STAP
            if geklemd != w:
                problemen.append(
                    f"gewicht voor {thema} teruggebracht tot {geklemd:g} "
                    f"(toegestaan {GEWICHT_MIN:g} tot {GEWICHT_MAX:g})"
                )
            uit[thema] = geklemd
    probleem = "; ".join(dict.fromkeys(problemen)) or None
    if not uit and probleem:  # nothing usable: the default weights, not every theme off
        return Gelezen(None, probleem)
    return Gelezen(uit, probleem)


def vlag(ruw: str | None) -> Gelezen:
    """``1`` on, ``0`` or absent off; anything else off with the reason."""
    if ruw is None or ruw in ("0", "1"):
        return Gelezen(ruw == "1")
    return Gelezen(False, "alleen 0 of 1")
