"""Issue 15 item 12: Sociaal domein's caption names the key of each taakveld for the whole
table, not the key text of whichever region came first (which described another wijk)."""

from __future__ import annotations

import pandas as pd

from geldstromen.domain.sociaal_domein import sociaal_geld


def test_caption_names_the_key_that_placed_most_money():
    flows = pd.DataFrame(
        [
            # the first row is a region where the key had no value: before, the caption said so
            ("WK000101", "6.3", 0.0, "bijstand_aantal ontbreekt; niets toegerekend"),
            ("WK000102", "6.3", 700.0, "bijstand_aantal (KWB 2019)"),
            ("WK000103", "6.3", 300.0, "bijstand_aantal (KWB 2019)"),
            ("WK000101", "6.1", 50.0, "inwoners_aantal (KWB 2019)"),
            ("WK000102", "6.1", 50.0, "inwoners_aantal (KWB 2019)"),
        ],
        columns=["regio_code", "taakveld_code", "bedrag_eur", "sleutel"],
    )
    tabel = pd.DataFrame(
        {
            "regio_code": ["WK000101", "WK000102", "WK000103"],
            "inwoners_aantal": [1000, 2000, 3000],
            "bijstand_aantal": [10, 20, 30],
            "wmo_clienten_aantal": [5, 5, 5],
            "jeugdzorg_aantal": [1, 1, 1],
        }
    )
    out, notities = sociaal_geld(flows, "", tabel)
    tekst = " ".join(notities)
    assert "niets toegerekend" not in tekst
    assert "sleutels 6.3: bijstand_aantal (KWB 2019))" in tekst
    assert out["sociaal_domein_eur"].sum() == 1100.0  # amounts untouched
