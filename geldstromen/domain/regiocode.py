"""The one parser of CBS region codes: ``GMgggg`` (gemeente), ``WKggggww`` (wijk) and
``BUggggwwbb`` (buurt), with ``g``, ``w``, ``b`` ASCII digits.

A buurt code contains its wijk code and both contain the gemeente code, so the parse gives all
three. Anything else (wrong prefix, wrong length, non-ASCII digits, no text at all) is refused
with a Dutch message; :func:`probeer` returns None instead. Pure: no pandas, no database.
"""

from __future__ import annotations

from typing import NamedTuple

#: prefix -> (level, length of the whole code)
VORMEN = {"GM": ("gemeente", 6), "WK": ("wijk", 8), "BU": ("buurt", 10)}
NIVEAUS = {prefix: niveau for prefix, (niveau, _) in VORMEN.items()}
#: the longest text that is looked at (a longer one is refused without copying it)
MAX_LENGTE = 32
_CIJFERS = frozenset("0123456789")


class Regiocode(NamedTuple):
    """A parsed region code; ``wijk_code`` is None for a gemeente."""

    code: str
    niveau: str
    gemeente_code: str
    wijk_code: str | None


class OngeldigeRegiocode(ValueError):
    """A text that is no GM, WK or BU code (the message is Dutch, for the user)."""


def _toon(tekst: object) -> str:
    """The input for a message: quoted, printable, at most 20 characters."""
    s = repr(tekst if not isinstance(tekst, str) else tekst[:20])
    return s + ("…" if isinstance(tekst, str) and len(tekst) > 20 else "")


def ontleed(tekst: object) -> Regiocode:
    """Parse ``tekst`` (surrounding spaces and lower case allowed) into a :class:`Regiocode`;
    raises :class:`OngeldigeRegiocode` (a ValueError) with a Dutch message otherwise."""
    if not isinstance(tekst, str) or len(tekst) > MAX_LENGTE:
        raise OngeldigeRegiocode(
            f"Ongeldige regiocode {_toon(tekst)}: verwacht GM, WK of BU gevolgd door cijfers "
            "(zoals GM0518, WK051829 of BU05182901)."
        )
    code = tekst.strip().upper()
    vorm = VORMEN.get(code[:2])
    cijfers = code[2:]
    if vorm is None or not cijfers or not set(cijfers) <= _CIJFERS:
        raise OngeldigeRegiocode(
            f"Ongeldige regiocode {_toon(tekst)}: verwacht GM, WK of BU gevolgd door cijfers "
            "(zoals GM0518, WK051829 of BU05182901)."
        )
    niveau, lengte = vorm
    if len(code) != lengte:
        raise OngeldigeRegiocode(
            f"Ongeldige regiocode {_toon(tekst)}: een {niveau}code heeft {lengte - 2} cijfers "
            f"na {code[:2]}."
        )
    wijk = None if niveau == "gemeente" else "WK" + code[2:8]
    return Regiocode(code, niveau, "GM" + code[2:6], wijk)


def probeer(tekst: object) -> Regiocode | None:
    """:func:`ontleed`, or None for anything that is no region code."""
    try:
        return ontleed(tekst)
    except OngeldigeRegiocode:
        return None


def is_regiocode(tekst: object, niveau: str | None = None) -> bool:
    """True for a valid code (of ``niveau`` when given)."""
    r = probeer(tekst)
    return r is not None and (niveau is None or r.niveau == niveau)


def gemeente_van(tekst: str) -> str:
    """``WK051829`` -> ``GM0518`` (a GM code gives itself)."""
    return ontleed(tekst).gemeente_code


def gemeente_code_of_none(tekst: object) -> str | None:
    """The gemeente code of a valid code, else None (for columns of published files)."""
    r = probeer(tekst)
    return None if r is None else r.gemeente_code


def wijk_van(tekst: str) -> str:
    """``BU05182901`` -> ``WK051829`` (a WK code gives itself; a GM code is refused)."""
    r = ontleed(tekst)
    if r.wijk_code is None:
        raise OngeldigeRegiocode(f"{r.code} is een gemeentecode: die ligt niet in een wijk.")
    return r.wijk_code


def niveau_van_voorvoegsel(tekst: str) -> str | None:
    """Only the level a prefix names (GM, WK, BU; NL -> ``land``), without checking the
    digits or the case: for published files whose rows are classified before they are
    checked."""
    voor = tekst.strip()[:2] if isinstance(tekst, str) else ""
    return "land" if voor == "NL" else NIVEAUS.get(voor)
