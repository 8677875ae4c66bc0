"""Find a wijk or buurt by postcode: the region that covers most of a PC4 area.

The data has PC4 polygons (CBS) and no addresses, so a six-character postcode ("2512 AB") is
searched as its four digits, and a street cannot be searched (that needs the BAG)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd
import shapely

#: ``raw_geometrie.niveau`` of the PC4 polygons.
NIVEAU = "postcode4"
_POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})?\s*$")


def lees_postcode(tekst: str | None) -> tuple[str, str | None] | None:
    """("2512", "AB") from "2512 AB", "2512ab" or "2512" (letters None); None when the text is
    no Dutch postcode."""
    m = _POSTCODE.match(tekst or "")
    if not m:
        return None
    return m.group(1), (m.group(2).upper() if m.group(2) else None)


def lijkt_postcode(tekst: str | None) -> bool:
    """The text starts with four digits: meant as a postcode (valid or not)."""
    return bool(re.match(r"^\s*\d{4}", tekst or ""))


@dataclass(frozen=True)
class Treffer:
    """The region that covers most of a postcode area, and how much of that area it covers."""

    regio_code: str
    aandeel: float  # share of the postcode area inside the region (0-1)


def _vorm(x):
    return shapely.from_geojson(x if isinstance(x, str) else json.dumps(x))


def beste_regio(postcode_geojson: str, regios: pd.DataFrame) -> Treffer | None:
    """The region of ``regios`` (regio_code, geometrie_geojson) that covers the largest part of
    the postcode area; None when none overlaps it. Areas in lon/lat degrees: only shares of
    the same small area are compared, so the projection does not change the answer much."""
    pc = shapely.make_valid(_vorm(postcode_geojson))
    if pc.is_empty or pc.area <= 0 or regios.empty:
        return None
    vormen = shapely.make_valid(
        shapely.from_geojson(
            [x if isinstance(x, str) else json.dumps(x) for x in regios["geometrie_geojson"]]
        )
    )
    overlap = shapely.area(shapely.intersection(vormen, pc))
    if not len(overlap) or overlap.max() <= 0:
        return None
    i = int(overlap.argmax())
    return Treffer(str(regios["regio_code"].iloc[i]), float(overlap[i] / pc.area))
