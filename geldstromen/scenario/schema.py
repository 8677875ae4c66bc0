"""The schema of a scenario config: types, finite numbers and bounds (pydantic), and reading a
config text (shared link, YAML or JSON file) with limits on size, depth and node count before
and while it is parsed. Every problem becomes a Dutch sentence in ``ScenarioFout``.

The catalogue checks (known interventions and effects, a cost split of 100 %, no intervention
twice) are in ``config.valideer``, which calls ``controleer`` first.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from geldstromen.scenario.model import PARTIJEN

#: Bounds. A scenario runs at most a century; no wijk has ten million dwellings (NL: 8.2 M).
MAX_LOOPTIJD = 100
MIN_STARTJAAR, MAX_STARTJAAR = 2000, 2100
MAX_EENHEDEN = 10_000_000
MAX_EUR_PER_EENHEID = 100_000_000
MAX_HOEVEELHEID = 10_000_000
MAX_PRIJS = 10_000_000
MAX_BELASTING_EUR = 100.0  # energy tax per m³ or kWh (2024: 0.58 per m³)
MAX_PCT = 100.0
MAX_VOET = 20.0  # the page's discount-rate input has the same maximum
MAX_NAAM = 200
MAX_INTERVENTIES = 20
MAX_EFFECTEN = 20
#: Limits on the text before parsing. A full config of the whole catalogue is about 2 KB.
MAX_BYTES = 64_000
MAX_DIEPTE = 8
MAX_KNOPEN = 2_000
MAX_MELDINGEN = 10

VELD_LABELS = {
    "naam": "naam",
    "disconteringsvoet_pct": "disconteringsvoet (%)",
    "interventies": "interventies",
    "id": "id",
    "eenheden": "aantal eenheden",
    "kosten_eenmalig_per_eenheid_eur": "investering per eenheid (euro)",
    "kosten_jaarlijks_per_eenheid_eur": "jaarlijkse kosten per eenheid (euro)",
    "startjaar": "startjaar",
    "looptijd_jaar": "looptijd (jaren)",
    "kostenverdeling_pct": "kostenverdeling",
    "effecten": "effecten",
    "per_eenheid": "per_eenheid",
    "prijs": "prijs",
    "belasting_eur": "energiebelasting + ODE per eenheid (euro, excl. btw)",
    "btw_pct": "btw (%)",
    "ontvanger": "ontvanger",
    "betaler": "betaler",
}


class ScenarioFout(ValueError):
    """A config that cannot be used; ``meldingen`` are Dutch sentences."""

    def __init__(self, meldingen: list[str]):
        if len(meldingen) > MAX_MELDINGEN:
            meldingen = [
                *meldingen[:MAX_MELDINGEN],
                f"… en nog {len(meldingen) - MAX_MELDINGEN} andere problemen.",
            ]
        super().__init__("\n".join(meldingen))
        self.meldingen = meldingen


#: (minimum, maximum) per field; also the page's input limits.
GRENZEN: dict[str, tuple[float, float]] = {
    "disconteringsvoet_pct": (0, MAX_VOET),
    "eenheden": (0, MAX_EENHEDEN),
    "kosten_eenmalig_per_eenheid_eur": (0, MAX_EUR_PER_EENHEID),
    "kosten_jaarlijks_per_eenheid_eur": (0, MAX_EUR_PER_EENHEID),
    "startjaar": (MIN_STARTJAAR, MAX_STARTJAAR),
    "looptijd_jaar": (1, MAX_LOOPTIJD),
    "kostenverdeling_pct": (0, MAX_PCT),
    "per_eenheid": (0, MAX_HOEVEELHEID),
    "prijs": (0, MAX_PRIJS),
    "belasting_eur": (0, MAX_BELASTING_EUR),
    "btw_pct": (0, MAX_PCT),
}


def _getal(veld: str):
    lo, hi = GRENZEN[veld]
    return Annotated[float, Field(strict=True, allow_inf_nan=False, ge=lo, le=hi)] | None


def _geheel(veld: str):
    lo, hi = GRENZEN[veld]
    return Annotated[int, Field(strict=True, ge=lo, le=hi)] | None


Partij = Literal[PARTIJEN]  # type: ignore[valid-type]
Id = Annotated[str, Field(max_length=100)]


class _Streng(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class EffectConfig(_Streng):
    per_eenheid: _getal("per_eenheid") = None
    prijs: _getal("prijs") = None
    belasting_eur: _getal("belasting_eur") = None
    btw_pct: _getal("btw_pct") = None
    ontvanger: Partij | None = None
    betaler: Partij | None = None


class InterventieConfig(_Streng):
    id: Id
    eenheden: _getal("eenheden") = None
    kosten_eenmalig_per_eenheid_eur: _getal("kosten_eenmalig_per_eenheid_eur") = None
    kosten_jaarlijks_per_eenheid_eur: _getal("kosten_jaarlijks_per_eenheid_eur") = None
    startjaar: _geheel("startjaar") = None
    looptijd_jaar: _geheel("looptijd_jaar") = None
    kostenverdeling_pct: (
        Annotated[dict[Partij, _getal("kostenverdeling_pct")], Field(max_length=len(PARTIJEN))]
        | None
    ) = None
    effecten: Annotated[dict[Id, EffectConfig | None], Field(max_length=MAX_EFFECTEN)] | None = None


class ScenarioConfig(_Streng):
    naam: Annotated[str, Field(max_length=MAX_NAAM)] | None = None
    disconteringsvoet_pct: _getal("disconteringsvoet_pct") = None
    interventies: Annotated[
        list[InterventieConfig], Field(min_length=1, max_length=MAX_INTERVENTIES)
    ]


# --- Dutch messages ------------------------------------------------------------------------


def _soort(x) -> str:
    if x is None:
        return "leeg"
    if isinstance(x, bool):
        return "ja/nee-waarde"
    if isinstance(x, str):
        return "tekst"
    if isinstance(x, list | tuple):
        return "lijst"
    if isinstance(x, dict):
        return "object"
    return "getal" if isinstance(x, int | float) else type(x).__name__


def _getal_nl(x) -> str:
    """A bound or an input as Dutch text: 2100, 10.000.000, 4,5 or 1e+300."""
    if isinstance(x, int | float) and float(x).is_integer() and abs(x) < 1e15:
        return f"{int(x):,}".replace(",", ".") if abs(x) >= 10_000 else str(int(x))
    return f"{x:g}".replace(".", ",") if isinstance(x, int | float) else str(x)[:20]


def _wie(loc: tuple, config: dict, labels: dict[str, str]) -> tuple[str, str]:
    """(who, field) of an error location: "Buurtsportcoach, zvw", "prijs"."""
    if not loc or loc[0] != "interventies" or len(loc) < 2 or not isinstance(loc[1], int):
        return "Scenario", str(loc[0]) if loc else ""
    n = loc[1]
    item = config["interventies"][n] if isinstance(config.get("interventies"), list) else None
    iid = item.get("id") if isinstance(item, dict) else None
    wie = (
        labels.get(iid, f"Interventie {n + 1}") if isinstance(iid, str) else f"Interventie {n + 1}"
    )
    rest = [str(x) for x in loc[2:]]
    if len(rest) >= 2 and rest[0] == "effecten":
        return f"{wie}, {rest[1]}", rest[2] if len(rest) > 2 else "effecten"
    if rest and rest[0] == "kostenverdeling_pct":
        return wie, "kostenverdeling_pct"
    return wie, rest[0] if rest else ""


def _melding(fout: dict, config: dict, labels: dict[str, str]) -> str:
    wie, veld = _wie(tuple(fout["loc"]), config, labels)
    label = VELD_LABELS.get(veld, veld)
    soort, ctx = fout["type"], fout.get("ctx") or {}
    x = fout.get("input")
    if soort == "extra_forbidden":
        return f"{wie}: onbekend veld `{str(fout['loc'][-1])[:40]}`."
    if soort == "finite_number":
        return f"{wie}: {label} moet een eindig getal zijn (niet oneindig of NaN)."
    if soort in ("greater_than_equal", "less_than_equal"):
        lo, hi = GRENZEN.get(veld, (ctx.get("ge", 0), ctx.get("le", float("inf"))))
        if soort == "greater_than_equal" and lo == 0:
            return f"{wie}: {label} mag niet negatief zijn ({_getal_nl(x)})."
        return (
            f"{wie}: {label} moet tussen {_getal_nl(lo)} en {_getal_nl(hi)} liggen "
            f"(nu {_getal_nl(x)})."
        )
    if soort in ("int_type", "int_from_float"):
        nu = _getal_nl(x) if _soort(x) == "getal" else _soort(x)
        return f"{wie}: {label} moet een geheel getal zijn (nu {nu})."
    if soort in ("float_type", "int_parsing", "float_parsing"):
        return f"{wie}: {label} moet een getal zijn, geen {_soort(x)}."
    if soort == "literal_error":
        return (
            f"{wie}: onbekende {label} {str(x)[:40]!r}; kies uit {', '.join(PARTIJEN)}."
            if veld != "kostenverdeling_pct"
            else f"{wie}: onbekende partij {str(x)[:40]!r} in de kostenverdeling; kies uit "
            f"{', '.join(PARTIJEN)}."
        )
    if soort == "string_type":
        return f"{wie}: {label} moet een tekst zijn, geen {_soort(x)}."
    if soort == "string_too_long":
        return f"{wie}: {label} is te lang (meer dan {ctx.get('max_length')} tekens)."
    if soort == "dict_type":
        wat = "partij: percentage" if veld == "kostenverdeling_pct" else "naam: waarden"
        return f"{wie}: {label} moet een object ({wat}) zijn, geen {_soort(x)}."
    if soort in ("model_type", "model_attributes_type"):
        wat = "het effect" if veld == "effecten" else (label or "dit deel")
        return f"{wie}: {wat} moet een object met sleutels zijn, geen {_soort(x)}."
    if soort == "list_type":
        return f"{wie}: {label} moet een lijst zijn, geen {_soort(x)}."
    if soort == "too_short":
        return "Het scenario moet minstens één interventie hebben (`interventies`)."
    if soort == "too_long":
        return f"{wie}: {label} heeft te veel onderdelen (hoogstens {ctx.get('max_length')})."
    if soort == "missing":
        return f"{wie}: {label} ontbreekt."
    return f"{wie}: {label} is ongeldig."


def controleer(config, labels: dict[str, str] | None = None) -> None:
    """Types, finite numbers and bounds of a parsed config; ScenarioFout (Dutch) otherwise."""
    if not isinstance(config, dict):
        raise ScenarioFout(["Het scenario moet een object met sleutels zijn (YAML of JSON)."])
    _knopen(config)
    try:
        ScenarioConfig.model_validate(config)
    except ValidationError as exc:
        fouten = exc.errors(include_url=False, include_context=True, include_input=True)
        meldingen = list(dict.fromkeys(_melding(f, config, labels or {}) for f in fouten))
        raise ScenarioFout(meldingen) from None


# --- reading text within limits --------------------------------------------------------------

TE_GROOT = "Het scenario is te groot (meer dan {n} tekens); een scenario is hooguit enkele kB."
TE_DIEP = "Het scenario is te diep genest (meer dan {n} niveaus); zie docs/scenario.md."


def _knopen(obj) -> None:
    """At most MAX_KNOPEN values and MAX_DIEPTE levels (iteratively, no recursion)."""
    stapel, n = [(obj, 1)], 0
    while stapel:
        x, diepte = stapel.pop()
        n += 1
        if n > MAX_KNOPEN:
            raise ScenarioFout([f"Het scenario heeft te veel onderdelen (meer dan {MAX_KNOPEN})."])
        if diepte > MAX_DIEPTE:
            raise ScenarioFout([TE_DIEP.format(n=MAX_DIEPTE)])
        if isinstance(x, dict):
            stapel += [(v, diepte + 1) for v in x.values()]
        elif isinstance(x, list | tuple):
            stapel += [(v, diepte + 1) for v in x]


def _json_diepte(tekst: str) -> int:
    """The deepest nesting of [ and { outside strings (a scan, before json.loads recurses)."""
    diepte = hoogste = 0
    in_tekst = escape = False
    for c in tekst:
        if in_tekst:
            if escape:
                escape = False
            elif c == "\\":
                escape = True
            elif c == '"':
                in_tekst = False
        elif c == '"':
            in_tekst = True
        elif c in "[{":
            diepte += 1
            hoogste = max(hoogste, diepte)
        elif c in "]}":
            diepte -= 1
    return hoogste


def _grootte(tekst: str) -> None:
    if len(tekst) > MAX_BYTES:
        raise ScenarioFout([TE_GROOT.format(n=f"{MAX_BYTES:,}".replace(",", "."))])


def laad_json(tekst: str, wat: str = "Het scenario") -> object:
    """A JSON text as Python objects, refused when too large or too deeply nested."""
    _grootte(tekst)
    if _json_diepte(tekst) > MAX_DIEPTE:
        raise ScenarioFout([TE_DIEP.format(n=MAX_DIEPTE)])
    try:
        return json.loads(tekst)
    except (json.JSONDecodeError, RecursionError) as exc:
        regel = f" (regel {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ScenarioFout([f"{wat} is geen geldige JSON{regel}."]) from None


def laad_yaml(tekst: str, wat: str = "Het scenario") -> object:
    """A YAML text as Python objects: no aliases, at most MAX_DIEPTE levels and MAX_KNOPEN
    values, checked on the parser's events before anything is built."""
    _grootte(tekst)
    diepte = knopen = 0
    try:
        for event in yaml.parse(tekst, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise ScenarioFout(
                    [f"{wat} gebruikt YAML-aliassen (`*naam`); schrijf de waarden uit."]
                )
            if isinstance(event, yaml.CollectionStartEvent):
                diepte += 1
                if diepte > MAX_DIEPTE:
                    raise ScenarioFout([TE_DIEP.format(n=MAX_DIEPTE)])
            elif isinstance(event, yaml.CollectionEndEvent):
                diepte -= 1
            if isinstance(event, yaml.NodeEvent):
                knopen += 1
                if knopen > MAX_KNOPEN:
                    raise ScenarioFout(
                        [f"Het scenario heeft te veel onderdelen (meer dan {MAX_KNOPEN})."]
                    )
        return yaml.safe_load(tekst)
    except yaml.YAMLError as exc:
        plek = getattr(exc, "problem_mark", None)
        regel = f" (regel {plek.line + 1})" if plek is not None else ""
        raise ScenarioFout([f"{wat} is geen geldige YAML{regel}."]) from None
    except RecursionError:
        raise ScenarioFout([TE_DIEP.format(n=MAX_DIEPTE)]) from None
