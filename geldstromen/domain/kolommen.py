"""Resolve CBS column keys across years: ``AantalInwoners_5`` and ``AantalInwoners_7`` share a stem."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SUFFIX = re.compile(r"_\d+$")

#: Topics that are text, not numbers, in the KWB/RIVM OData tables.
TEXT_STEMS = frozenset(
    {
        "ID",
        "WijkenEnBuurten",
        "Gemeentenaam",
        "SoortRegio",
        "Codering",
        "MeestVoorkomendePostcode",
        "Leeftijd",
        "Marges",
        "Perioden",
    }
)


def stem(key: str) -> str:
    """The column stem without CBS' positional suffix: ``AantalInwoners_5`` -> ``AantalInwoners``."""
    return _SUFFIX.sub("", key.strip())


def resolve(keys: Iterable[str], wanted: str) -> str | None:
    """The key among ``keys`` whose stem is ``wanted`` (None when absent).

    Raises ValueError when two keys share the stem, which would make the choice a guess.
    """
    hits = [k for k in keys if stem(k) == wanted]
    if len(hits) > 1:
        raise ValueError(f"Kolom {wanted!r} is niet eenduidig: {hits}")
    return hits[0] if hits else None
