"""The URL form of a scenario config: base64url of zlib-compressed compact JSON.

A link is read within limits before it is parsed: its length, the size once unpacked (a small
link can unpack to megabytes) and the nesting depth (``schema.laad_json``); then the config is
validated (``config.valideer``).
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from geldstromen.scenario.config import ScenarioFout, laad_deels, valideer
from geldstromen.scenario.schema import MAX_BYTES, TE_GROOT, laad_json

MAX_URL_TEKENS = 6000
BESCHADIGD = (
    "De scenario-link is beschadigd of onvolledig gekopieerd; het scenario is niet geladen."
)


def codeer(config: dict) -> str:
    """URL form: base64url of zlib-compressed compact JSON, without padding."""
    raw = json.dumps(config, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def decodeer(tekst: str) -> dict:
    """A config from its URL form; ScenarioFout (Dutch) when it cannot be read or is invalid."""
    return valideer(_lees(tekst))


def decodeer_deels(tekst: str) -> tuple[dict, list[str]]:
    """What can be used of a link (``config.laad_deels``) and a Dutch sentence per part left
    out; ScenarioFout only when the link cannot be read at all or holds nothing usable."""
    return laad_deels(_lees(tekst))


def _lees(tekst: str):
    """The parsed (not yet validated) JSON of a link, read within limits."""
    if len(tekst) > MAX_URL_TEKENS:
        raise ScenarioFout(["De scenario-link is te lang om te lezen."])
    try:
        raw = base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))
        uitpakker = zlib.decompressobj()
        data = uitpakker.decompress(raw, MAX_BYTES + 1)
        if len(data) > MAX_BYTES or uitpakker.unconsumed_tail:
            raise ScenarioFout([TE_GROOT.format(n=f"{MAX_BYTES:,}".replace(",", "."))])
        tekst_json = data.decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError) as exc:
        if isinstance(exc, ScenarioFout):
            raise
        raise ScenarioFout([BESCHADIGD]) from None
    try:
        config = laad_json(tekst_json)
    except ScenarioFout as exc:
        if any("geen geldige JSON" in m for m in exc.meldingen):
            raise ScenarioFout([BESCHADIGD]) from None
        raise
    return config
