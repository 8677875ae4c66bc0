"""Checking an uploaded table row by row: region codes, numbers, units; a Dutch report.

Accepted values come out long (``regio_code, indicator, kolom, waarde, eenheid``); every
rejected row, column or cell is listed with its reason. Suppression markers are missing
values (never 0); formulas and HTML are refused, never evaluated or passed on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from geldstromen.domain.onderdrukking import MARKERS
from geldstromen.domain.upload import Tabel, korte_naam

CODE_KOPPEN = {"regio_code", "regiocode", "code", "wijkcode", "buurtcode", "gwb_code",
               "wijkenenbuurten", "gebiedscode", "wijk_code", "buurt_code", "gemeentecode"}  # fmt: skip
NAAM_KOPPEN = {"regio_naam", "regionaam", "naam", "wijknaam", "buurtnaam", "gebied",
               "gebiedsnaam", "omschrijving", "wijk", "buurt", "gemeentenaam"}  # fmt: skip
EENHEDEN = {"eur": "euro", "aantal": "aantal", "pct": "%"}
CODE_PATROON = {"gemeente": r"GM\d{4}", "wijk": r"WK\d{6}", "buurt": r"BU\d{8}"}
MAX_KOP = 100
LABEL = "eigen data"
_FORMULE = ("=", "+", "@", "\t", "\r")
_HTML = re.compile(r"<\s*[a-zA-Z/!]|javascript:", re.IGNORECASE)
_NL = re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")
_EN = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?")
_CLEAN = re.compile(r"[\s\u00a0\u202f€%]|EUR", re.IGNORECASE)


@dataclass
class Afwijzing:
    """One rejected row, column or cell; ``rij`` is the line number in the file."""

    reden: str
    rij: int | None = None
    kolom: str | None = None


@dataclass
class Uitkomst:
    """Accepted values (long) plus every rejection and note."""

    waarden: pd.DataFrame
    afgewezen: list[Afwijzing] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)

    @property
    def geldig(self) -> bool:
        """True when every row and column was accepted (and there is something)."""
        return not self.afgewezen and not self.waarden.empty


def is_gevaarlijk(text: str) -> str | None:
    """Why a text cell is refused (formula or HTML/script), else None."""
    if re.fullmatch(r"[+-]?[\d.,\s€%]+", text):
        return None
    if text.startswith(_FORMULE) or (text.startswith("-") and "(" in text):
        return "formule (wordt niet uitgevoerd)"
    if _HTML.search(text):
        return "HTML/script in tekst"
    return None


def normaliseer_code(code: str) -> str:
    """Upper case without any spaces (``' wk 036305 '`` -> ``WK036305``)."""
    return re.sub(r"\s+", "", code).upper()


def kolom_eenheid(kop: str, gekozen: str | None) -> tuple[str, str | None]:
    """Indicator id and unit from a header like ``uitgaven_jeugd_eur``."""
    ident = re.sub(r"[^a-z0-9]+", "_", kop.strip().lower()).strip("_")
    suffix = ident.rsplit("_", 1)[-1] if "_" in ident else ""
    return ident, EENHEDEN.get(suffix) or gekozen


def decimaalteken(values: list[str], hint: str) -> str:
    """The decimal separator of a column: from a value with both, else from the shape."""
    for v in values:
        if "." in v and "," in v:
            return "," if v.rfind(",") > v.rfind(".") else "."
    for v in values:
        if re.fullmatch(r"[+-]?\d*,(\d{1,2}|\d{4,})", v) or re.fullmatch(r"[+-]?\d{4,},\d+", v):
            return ","
        if re.fullmatch(r"[+-]?\d*\.(\d{1,2}|\d{4,})", v) or re.fullmatch(r"[+-]?\d{4,}\.\d+", v):
            return "."
    return hint


def lees_getal(text: str, decimaal: str) -> float:
    """Parse ``1.234,5`` / ``1,234.5`` / ``€ 12,50``; raises ValueError otherwise."""
    s = _CLEAN.sub("", text)
    if decimaal == "," and _NL.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if decimaal == "." and _EN.fullmatch(s):
        return float(s.replace(",", ""))
    raise ValueError(text)


def _kolommen(kop: list[str], eenheid: str | None, afgewezen: list[Afwijzing]):
    lower = [k.strip().lower() for k in kop]
    code_idx = next((i for i, k in enumerate(lower) if k in CODE_KOPPEN), 0)
    cols, seen = {}, set()
    for i, raw in enumerate(kop):
        if i == code_idx or lower[i] in NAAM_KOPPEN:
            continue
        naam = korte_naam(raw)
        ident, unit = kolom_eenheid(raw, eenheid)
        reden = None
        if not raw.strip():
            reden = "kolom zonder naam"
        elif len(raw) > MAX_KOP:
            reden = f"kolomnaam te lang ({len(raw)} tekens, maximaal {MAX_KOP})"
        elif is_gevaarlijk(raw.strip()):
            reden = f"kolomnaam bevat {is_gevaarlijk(raw.strip())}"
        elif not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", ident):
            reden = "kolomnaam moet met een letter beginnen (letters, cijfers, _)"
        elif ident in seen:
            reden = "kolomnaam komt dubbel voor"
        elif unit is None:
            reden = (
                "eenheid onbekend: eindig de kolomnaam op _eur, _aantal of _pct of kies een eenheid"
            )
        if reden:
            afgewezen.append(Afwijzing(reden, kolom=naam))
            continue
        seen.add(ident)
        cols[i] = (ident, unit, naam)
    return code_idx, cols


def _codes(tabel: Tabel, code_idx: int, niveau, regios, oude, out: Uitkomst) -> dict[int, str]:
    """Valid region code per row index; rejections and normalisations reported."""
    ok: dict[int, str] = {}
    width = len(tabel.kop)
    normalised = 0
    for n, row in enumerate(tabel.rijen):
        line = n + 2
        if len(row) != width:
            out.afgewezen.append(
                Afwijzing(f"aantal velden klopt niet ({len(row)} in plaats van {width})", line)
            )
            continue
        raw = row[code_idx]
        code = normaliseer_code(raw)
        if code != raw:
            normalised += 1
        patroon = CODE_PATROON.get(niveau, "|".join(CODE_PATROON.values()))
        if not code:
            reden = "regiocode ontbreekt"
        elif len(code) > 12 or not re.fullmatch(patroon, code):
            soort = f"{niveau}code" if niveau else "regiocode"
            reden = f"{korte_naam(raw)!r} is geen {soort} (bv. GM0363, WK036305, BU03630501)"
        elif regios is not None and code not in regios:
            jaren = oude.get(code) if oude else None
            reden = (
                f"{code} is een oude code (bestaat in indeling {', '.join(map(str, jaren))})"
                if jaren
                else f"{code} is onbekend in de gekozen gemeente en gebiedsindeling"
            )
        else:
            ok[n] = code
            continue
        out.afgewezen.append(Afwijzing(reden, line, korte_naam(tabel.kop[code_idx])))
    if normalised:
        out.meldingen.append(f"{normalised} regiocode(s) genormaliseerd (spaties, hoofdletters).")
    dubbel = pd.Series(ok).duplicated(keep=False)
    for n in dubbel[dubbel].index:
        out.afgewezen.append(Afwijzing(f"regiocode {ok.pop(n)} komt dubbel voor", n + 2))
    return ok


def valideer(
    tabel: Tabel,
    *,
    niveau: str | None = None,
    regios: set[str] | None = None,
    oude: dict[str, list[int]] | None = None,
    eenheid: str | None = None,
) -> Uitkomst:
    """Check an uploaded table; ``regios`` are the valid codes of the chosen year (None: any)."""
    out = Uitkomst(waarden=pd.DataFrame(columns=["regio_code", "indicator", "kolom", "waarde",
                                                 "eenheid"]))  # fmt: skip
    if not tabel.rijen:
        out.afgewezen.append(Afwijzing("het bestand bevat alleen een kopregel, geen gegevens"))
        return out
    code_idx, cols = _kolommen(tabel.kop, eenheid, out.afgewezen)
    if not cols:
        out.afgewezen.append(Afwijzing("geen bruikbare kolom met getallen gevonden"))
    codes = _codes(tabel, code_idx, niveau, regios, oude, out)
    hint = "," if tabel.scheidingsteken == ";" else "."
    rows, leeg = [], 0
    for i, (ident, unit, naam) in cols.items():
        cells = {n: tabel.rijen[n][i].strip() for n in codes}
        dec = decimaalteken([c for c in cells.values() if c not in MARKERS], hint)
        for n, cell in cells.items():
            if cell in MARKERS:
                leeg += 1
                rows.append((codes[n], ident, naam, math.nan, unit))
                continue
            reden = is_gevaarlijk(cell)
            if reden is None:
                try:
                    value = lees_getal(cell, dec)
                    if not math.isfinite(value):
                        reden = "geen eindig getal"
                    elif unit == "aantal" and value < 0:
                        reden = f"negatief aantal ({korte_naam(cell)})"
                except ValueError:
                    reden = f"geen getal: {korte_naam(cell)!r}"
            if reden:
                out.afgewezen.append(Afwijzing(reden, n + 2, naam))
            else:
                rows.append((codes[n], ident, naam, value, unit))
    if rows:
        out.waarden = pd.DataFrame(rows, columns=list(out.waarden.columns))
    if leeg:
        out.meldingen.append(
            f"{leeg} lege of geheime cel(len) ('.', 'x', '-', leeg) = onbekend, niet 0."
        )
    return out


def rapport(out: Uitkomst, bestand: str = "") -> str:
    """The Dutch report: summary, notes, then every rejection with its reason."""
    regios = out.waarden["regio_code"].nunique() if not out.waarden.empty else 0
    kop = f"Controle van {korte_naam(bestand)}: " if bestand else "Controle: "
    status = "geldig" if out.geldig else "niet (volledig) geldig"
    lines = [
        f"{kop}{status}. {len(out.waarden)} waarde(n) voor {regios} gebied(en) geaccepteerd, "
        f"{len(out.afgewezen)} afgewezen."
    ]
    lines += [f"- {m}" for m in out.meldingen]
    for a in out.afgewezen:
        waar = ", ".join(
            p for p in (f"rij {a.rij}" if a.rij else "", f"kolom {a.kolom}" if a.kolom else "") if p
        )
        lines.append(f"- Afgewezen{' (' + waar + ')' if waar else ''}: {a.reden}")
    return "\n".join(lines)


def indeling(codes: pd.DataFrame, jaar: int) -> tuple[set[str], dict[str, list[int]]]:
    """Valid codes of ``jaar`` and, for codes only in other years, those years."""
    codes = codes.assign(regio_code=codes["regio_code"].astype(str).str.strip())
    huidig = set(codes.loc[codes["jaar"].astype(int) == int(jaar), "regio_code"])
    oude = codes[~codes["regio_code"].isin(huidig)].groupby("regio_code")["jaar"]
    return huidig, {k: sorted({int(j) for j in v}) for k, v in oude}
