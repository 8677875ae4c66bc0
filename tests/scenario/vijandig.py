"""Hostile scenario configs: the same cases as a shared ``scenario=`` link (JSON) and as a
``geldstromen scenario --config`` YAML file. Each case names the Dutch message it must give.

Listed in docs/reliability.md ("Scenario links and configs").
"""

from __future__ import annotations

import base64
import copy
import json
import zlib
from dataclasses import dataclass

import yaml

GOED = {
    "naam": "BSC",
    "disconteringsvoet_pct": 0,
    "interventies": [
        {
            "id": "buurtsportcoach",
            "eenheden": 2,
            "startjaar": 2025,
            "looptijd_jaar": 4,
            "effecten": {"zvw": {"per_eenheid": 100, "prijs": 150}},
        }
    ],
}
DIEP = "[" * 100_000 + "]" * 100_000
ALIASBOM = "\n".join(
    [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        *(
            f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "naam: *i",
        "interventies: [{id: buurtsportcoach, eenheden: *i}]",
    ]
)


class _ZonderAliassen(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


def _met(**wijziging) -> dict:
    config = copy.deepcopy(GOED)
    config["interventies"][0].update(wijziging)
    return config


@dataclass(frozen=True)
class Geval:
    naam: str
    invoer: str  # what the case is, for docs/reliability.md
    config: object = None  # a config object (dumped as JSON for the link and as YAML)
    tekst: str | None = None  # raw text instead (the same for JSON and YAML)
    melding: str = ""  # part of the Dutch message

    def json_tekst(self) -> str:
        if self.tekst is not None:
            return self.tekst
        return json.dumps(self.config, separators=(",", ":"))

    def yaml_tekst(self) -> str:
        if self.tekst is not None:
            return self.tekst
        return yaml.dump(self.config, Dumper=_ZonderAliassen, allow_unicode=True)

    def link(self) -> str:
        raw = self.json_tekst().encode("utf-8")
        return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")


GEVALLEN = [
    Geval(
        "geen_object",
        "a list instead of an object: `[1, 2, 3]`",
        [1, 2, 3],
        melding="object met sleutels",
    ),
    Geval(
        "interventies_tekst",
        "`interventies` is a string",
        {"interventies": "buurtsportcoach"},
        melding="interventies",
    ),
    Geval(
        "interventies_leeg",
        "`interventies: []`",
        {"interventies": []},
        melding="minstens één interventie",
    ),
    Geval(
        "id_lijst",
        "intervention `id` is a list (unhashable)",
        _met(id=["buurtsportcoach"]),
        melding="id",
    ),
    Geval(
        "id_object", "intervention `id` is an object (unhashable)", _met(id={"a": 1}), melding="id"
    ),
    Geval("effecten_lijst", "`effecten` is a list", _met(effecten=[1, 2]), melding="effecten"),
    Geval(
        "effect_getal",
        "an effect is a number: `effecten: {zvw: 5}`",
        _met(effecten={"zvw": 5}),
        melding="zvw",
    ),
    Geval(
        "kostenverdeling_lijst",
        "`kostenverdeling_pct` is a list",
        _met(kostenverdeling_pct=[50, 50]),
        melding="kostenverdeling",
    ),
    Geval(
        "kostenverdeling_getal",
        "`kostenverdeling_pct: 100`",
        _met(kostenverdeling_pct=100),
        melding="kostenverdeling",
    ),
    Geval(
        "kostenverdeling_tekst",
        '`kostenverdeling_pct: "rijk"`',
        _met(kostenverdeling_pct="rijk"),
        melding="kostenverdeling",
    ),
    Geval(
        "oneindig",
        "`eenheden: Infinity` (JSON) / `.inf` (YAML)",
        _met(eenheden=float("inf")),
        melding="eindig getal",
    ),
    Geval(
        "nan",
        "`prijs: NaN` in an effect",
        _met(effecten={"zvw": {"prijs": float("nan")}}),
        melding="eindig getal",
    ),
    Geval(
        "dubbel_id",
        "the same intervention twice",
        {**GOED, "interventies": copy.deepcopy(GOED["interventies"] * 2)},
        melding="twee keer",
    ),
    Geval(
        "diep_genest",
        "JSON/YAML nested 100,000 deep (`[[[…]]]`, 200 kB)",
        tekst=DIEP,
        melding="te groot",
    ),
    Geval(
        "diep_genest_5000",
        "JSON/YAML nested 5,000 deep (10 kB)",
        tekst="[" * 5_000 + "]" * 5_000,
        melding="te diep genest",
    ),
    Geval(
        "diep_in_object",
        "an effect nested 20 levels deep",
        _met(effecten={"zvw": {"prijs": json.loads("[" * 20 + "]" * 20)}}),
        melding="te diep genest",
    ),
    Geval(
        "looptijd_100000",
        "`looptijd_jaar: 100000`",
        _met(looptijd_jaar=100_000),
        melding="looptijd",
    ),
    Geval(
        "looptijd_30000000",
        "`looptijd_jaar: 30000000`",
        _met(looptijd_jaar=30_000_000),
        melding="looptijd",
    ),
    Geval(
        "looptijd_breuk", "`looptijd_jaar: 4.5`", _met(looptijd_jaar=4.5), melding="geheel getal"
    ),
    Geval(
        "startjaar_groot", "`startjaar: 1000000000000`", _met(startjaar=10**12), melding="startjaar"
    ),
    Geval("getal_als_tekst", '`eenheden: "12"`', _met(eenheden="12"), melding="getal"),
    Geval("bool_als_getal", "`eenheden: true`", _met(eenheden=True), melding="getal"),
    Geval("enorm_getal", "`eenheden: 1e300`", _met(eenheden=1e300), melding="aantal eenheden"),
    Geval("naam_lijst", "`naam` is a list", {**GOED, "naam": ["x"]}, melding="naam"),
    Geval(
        "naam_lang",
        "`naam` of 100,000 characters",
        {**GOED, "naam": "x" * 100_000},
        melding="te groot",
    ),
    Geval(
        "naam_1000",
        "`naam` of 1,000 characters",
        {**GOED, "naam": "x" * 1_000},
        melding="naam is te lang",
    ),
    Geval(
        "veel_effecten",
        "1,000 unknown effects",
        _met(effecten={f"e{n}": {} for n in range(1_000)}),
        melding="te veel onderdelen",
    ),
    Geval(
        "ontvanger_onbekend",
        "effect receiver `buren`",
        _met(effecten={"zvw": {"ontvanger": "buren"}}),
        melding="ontvanger",
    ),
    Geval(
        "onbekend_veld",
        "a misspelt field `looptijd: 10`",
        _met(looptijd=10),
        melding="onbekend veld",
    ),
    Geval(
        "voet_negatief",
        "`disconteringsvoet_pct: -5`",
        {**GOED, "disconteringsvoet_pct": -5},
        melding="disconteringsvoet",
    ),
]

#: Only a link: decompresses to 4 MB (a zip bomb within the link's length limit).
ZIPBOM = Geval(
    "zipbom",
    "link that decompresses to 4 MB of JSON",
    tekst=" " * 4_000_000 + "{}",
    melding="te groot",
)
#: Only YAML: nine levels of aliases (9^9 strings when expanded).
ALIASEN = Geval(
    "aliasbom", "YAML alias bomb (9 levels of 9 aliases)", tekst=ALIASBOM, melding="aliassen"
)
