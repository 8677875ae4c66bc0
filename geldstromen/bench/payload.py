"""Print the byte size of the all-NL choropleth deck JSON (``python -m geldstromen.bench.payload
NIVEAU JAAR``), built exactly as the Kaart page builds it."""

from __future__ import annotations

import sys


def main(niveau: str, jaar: int, indicator: str = "inwoners_aantal") -> int:
    """Bytes of the deck JSON for every region of ``niveau`` in ``jaar``."""
    from geldstromen import queries
    from geldstromen.cached import engine
    from geldstromen.cached.kaart import HEEL_NL, koppel_geometrie
    from geldstromen.ui.kaart import choropleth

    waarden = queries.run_query(
        engine(), "kaart_waarden_nl", niveau=niveau, jaar=jaar, indicator=indicator
    )
    geometrie, _ = koppel_geometrie(HEEL_NL, niveau, jaar, waarden["regio_code"].tolist())
    deck = choropleth(waarden, geometrie, {"label": "Inwoners", "eenheid": "aantal"})
    return len(deck.to_json().encode("utf-8"))


if __name__ == "__main__":
    print(main(sys.argv[1], int(sys.argv[2])))
