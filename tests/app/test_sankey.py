"""Wijkprofiel sankey: other families end in the region's own node, whether a flow names the
region by code or by name."""

import pandas as pd

from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.ui.sankey import sankey_figuur


def _flow(familie, van, naar, categorie, bedrag):
    return dict(zip(GELDSTROOM_COLUMNS, [
        "WK051829", "Wijk 29 Schildersbuurt", "wijk", 2019, familie, van, naar, categorie,
        bedrag, "geschat", "sleutel", "bron",
    ], strict=True))  # fmt: skip


def test_zorg_and_household_flows_end_in_the_region_node():
    andere = pd.DataFrame(
        [
            _flow("zorg", "zorgverzekeraars", "Wijk 29 Schildersbuurt", "Farmacie", 100.0),
            _flow("huishoudens", "WK051829", "energieleveranciers", "Energie", 50.0),
        ]
    )
    fig = sankey_figuur(pd.DataFrame(), andere, "Schildersbuurt", "lasten")
    labels = list(fig.data[0].node.label)
    assert "Schildersbuurt" in labels
    assert not any(lab.endswith("Wijk 29 Schildersbuurt") for lab in labels)
    regio = labels.index("Schildersbuurt")
    assert list(fig.data[0].link.target).count(regio) == 1  # zorg into the region
    assert list(fig.data[0].link.source).count(regio) == 1  # households out of it
