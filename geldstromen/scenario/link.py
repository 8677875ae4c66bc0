"""The URL form of a scenario config: base64url of zlib-compressed compact JSON."""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from geldstromen.scenario.config import ScenarioFout, valideer

MAX_URL_TEKENS = 6000


def codeer(config: dict) -> str:
    """URL form: base64url of zlib-compressed compact JSON, without padding."""
    raw = json.dumps(config, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


def decodeer(tekst: str) -> dict:
    """A config from its URL form; ScenarioFout (Dutch) when it cannot be read or is invalid."""
    if len(tekst) > MAX_URL_TEKENS:
        raise ScenarioFout(["De scenario-link is te lang om te lezen."])
    try:
        raw = base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))
        config = json.loads(zlib.decompressobj().decompress(raw, 200_000).decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, json.JSONDecodeError, ValueError):
        raise ScenarioFout(
            [
                "De scenario-link is beschadigd of onvolledig gekopieerd; het scenario is niet geladen."
            ]
        ) from None
    valideer(config)
    return config
