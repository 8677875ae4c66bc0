"""Wijkprofiel sankey: other families end in the region's own node, whether a flow names the
region by code or by name."""

import pandas as pd
import pytest

from geldstromen.domain.geldstroom import GELDSTROOM_COLUMNS
from geldstromen.ui.sankey import sankey_figuur


def _flow(familie, van, naar, categorie, bedrag):
    return dict(
        zip(
            GELDSTROOM_COLUMNS,
            [
                "WK051829",
                "Wijk 29 Schildersbuurt",
                "wijk",
                2019,
                familie,
                van,
                naar,
                categorie,
                bedrag,
                "geschat",
                "sleutel",
                "bron",
            ],
            strict=True,
        )
    )


def test_zorg_and_household_flows_end_in_the_region_node():
    andere = pd.DataFrame(
        [
            _flow("zorg", "zorgverzekeraars", "Wijk 29 Schildersbuurt", "Farmacie", 100.0),
            _flow("huishoudens", "WK051829", "energieleveranciers", "Energie", 50.0),
        ]
    )
    fig = sankey_figuur(pd.DataFrame(), andere, "Schildersbuurt", "lasten")
    labels = [lab.rsplit(": €", 1)[0] for lab in fig.data[0].node.label]
    assert "Schildersbuurt" in labels
    assert not any(lab.endswith("Wijk 29 Schildersbuurt") for lab in labels)
    regio = labels.index("Schildersbuurt")
    assert list(fig.data[0].link.target).count(regio) == 1  # zorg into the region
    assert list(fig.data[0].link.source).count(regio) == 1  # households out of it


def _gemeente(n_per_hoofd: int = 6) -> pd.DataFrame:
    rows = []
    for h in range(9):
        for t in range(1, n_per_hoofd + 1):
            rij = _flow(
                "gemeente",
                "GM0518",
                "WK051829",
                f"{h}.{t} Taakveld {h}.{t}",
                1_000_000.0 * (h + 1) + t,
            )
            rij["methode"] = "toegerekend"
            rij["taakveld_code"] = f"{h}.{t}"
            rows.append(rij)
    return pd.DataFrame(rows)


def test_default_is_hoofdtaakvelden_with_amounts_detail_on_request():
    gm = _gemeente()
    zorg = pd.DataFrame([_flow("zorg", "zorgverzekeraars", "WK051829", "GGZ", 2_500_000.0)])
    fig = sankey_figuur(gm, zorg, "Schildersbuurt", "lasten")
    labels = list(fig.data[0].node.label)
    hoofd = [lab for lab in labels if lab[:2] in {f"{h} " for h in range(9)}]
    assert len(hoofd) == 9 and len(labels) <= 14  # 54 taakvelden -> 9 hoofdtaakvelden
    assert not any(" Taakveld " in lab for lab in labels)
    # every node states its amount in Dutch notation: 6 Sociaal domein = sum of 6.1 .. 6.6
    som6 = sum(7_000_000.0 + t for t in range(1, 7))
    assert f"6 Sociaal domein: € {som6 / 1e6:.1f} mln".replace(".", ",") in labels
    assert "GGZ: € 2,5 mln" in labels
    # colours are the report's: zorg purple, gemeente blue (the caption names them)
    kleur = dict(zip(labels, fig.data[0].node.color, strict=True))
    assert kleur["GGZ: € 2,5 mln"] == "#8e44ad"
    assert kleur[f"6 Sociaal domein: € {som6 / 1e6:.1f} mln".replace(".", ",")] == "#2e86c1"
    assert fig.layout.separators == ",."
    detail = sankey_figuur(gm, zorg, "Schildersbuurt", "lasten", detail=True)
    assert sum(" Taakveld " in lab for lab in detail.data[0].node.label) == 54
    # the amounts are the same at both levels: what reaches the region
    naar_regio = [
        sum(
            v
            for v, t in zip(f.data[0].link.value, f.data[0].link.target, strict=True)
            if list(f.data[0].node.label)[t].startswith("Schildersbuurt")
        )
        for f in (fig, detail)
    ]
    assert naar_regio[0] == naar_regio[1] == gm["bedrag_eur"].sum() + 2_500_000.0


def test_labels_are_short_enough_not_to_run_into_the_next_column():
    """Hoofdtaakvelden by their short name, other long names cut; the node's whole name stays
    in its hover text (customdata), and the amounts are unchanged."""
    gm = _gemeente(1)
    andere = pd.DataFrame(
        [_flow("zorg", "zorgverzekeraars", "WK051829", "Geneeskundige GGZ en basis-GGZ samen", 5.0)]
    )
    data = sankey_figuur(gm, andere, "Wijk 29 Schildersbuurt", "lasten").data[0]
    namen = [lab.rsplit(": €", 1)[0] for lab in data.node.label]
    assert "8 Wonen en ruimte" in namen and "0 Bestuur" in namen
    assert all(len(n) <= 30 for n in namen), namen
    assert "Geneeskundige GGZ en basis-GG…" in namen
    assert "8 Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing" in list(
        data.node.customdata
    )
    assert sum(data.link.value) == pytest.approx(2 * gm["bedrag_eur"].sum() + 2 * 5.0)
