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
from geldstromen.domain.upload import Getal, Tabel, korte_naam

CODE_KOPPEN = {
    "regio_code",
    "regiocode",
    "code",
    "wijkcode",
    "buurtcode",
    "gwb_code",
    "wijkenenbuurten",
    "gebiedscode",
    "wijk_code",
    "buurt_code",
    "gemeentecode",
}
NAAM_KOPPEN = {
    "regio_naam",
    "regionaam",
    "naam",
    "wijknaam",
    "buurtnaam",
    "gebied",
    "gebiedsnaam",
    "omschrijving",
    "wijk",
    "buurt",
    "gemeentenaam",
}
EENHEDEN = {"eur": "euro", "aantal": "aantal", "pct": "%"}
CODE_PATROON = {"gemeente": r"GM\d{4}", "wijk": r"WK\d{6}", "buurt": r"BU\d{8}"}
MAX_KOP = 100
LABEL = "eigen data"
_FORMULE = ("=", "+", "@", "\t", "\r")
_HTML = re.compile(r"<\s*[a-zA-Z/!]|javascript:", re.IGNORECASE)
_SPATIE = " \u00a0\u202f"
_VALUTA = re.compile(r"(?i)^(€|eur)\s*|\s*(€|eur)$")
_TEKEN = re.compile(r"^[+-]")
#: At most this many rejections are kept one by one (and shown); the rest are only counted.
MAX_GETOOND = 200


@dataclass
class Afwijzing:
    """One rejected row, column or cell; ``rij`` is the line number in the file."""

    reden: str
    rij: int | None = None
    kolom: str | None = None
    soort: str = ""


@dataclass
class Uitkomst:
    """Accepted values (long) plus the rejections (the first :data:`MAX_GETOOND` one by one,
    all of them counted per kind) and notes."""

    waarden: pd.DataFrame
    afgewezen: list[Afwijzing] = field(default_factory=list)
    meldingen: list[str] = field(default_factory=list)
    aantal_afgewezen: int = 0
    per_soort: dict[str, int] = field(default_factory=dict)

    def wijs_af(self, afwijzing: Afwijzing) -> None:
        """Count a rejection; keep it for the report while fewer than MAX_GETOOND are kept."""
        soort = afwijzing.soort or afwijzing.reden
        self.aantal_afgewezen += 1
        self.per_soort[soort] = self.per_soort.get(soort, 0) + 1
        if len(self.afgewezen) < MAX_GETOOND:
            self.afgewezen.append(afwijzing)

    @property
    def geldig(self) -> bool:
        """True when every row and column was accepted (and there is something)."""
        return not self.aantal_afgewezen and not self.waarden.empty


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


class Dubbelzinnig(ValueError):
    """A number that reads two ways (``1.234``: 1234 or 1,234) and the column does not say."""


def _vorm(body: str) -> tuple[str, str | None]:
    """How ``body`` (digits and separators, no sign, currency or %) is built.

    Returns (kind, separator): ``("geheel", None)``, ``("decimaal", sep)`` (sep can only be a
    decimal separator), ``("duizend", sep)`` (sep can only group thousands), ``("beide", dec)``
    (thousands and decimals, dec is the decimal separator), ``("twijfel", sep)`` (one
    separator before exactly three digits) or ``("exponent", ".")``; ValueError otherwise.
    """
    if re.fullmatch(r"[0-9]+", body):
        return "geheel", None
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+", body):
        return "exponent", "."
    if any(ch in body for ch in _SPATIE):
        m = re.fullmatch(r"[1-9][0-9]{0,2}(?:([ \u00a0\u202f])[0-9]{3})+(?:([.,])[0-9]+)?", body)
        if not m or len({ch for ch in body if ch in _SPATIE}) > 1:
            raise ValueError(body)
        return ("beide", m.group(2)) if m.group(2) else ("geheel", None)
    if "." in body and "," in body:
        dec = "," if body.rfind(",") > body.rfind(".") else "."
        dui = "." if dec == "," else ","
        if not re.fullmatch(rf"[1-9][0-9]{{0,2}}(\{dui}[0-9]{{3}})+\{dec}[0-9]+", body):
            raise ValueError(body)
        return "beide", dec
    sep = "." if "." in body else ","
    if body.count(sep) > 1:
        if not re.fullmatch(rf"[1-9][0-9]{{0,2}}(\{sep}[0-9]{{3}})+", body):
            raise ValueError(body)
        return "duizend", sep
    voor, _, na = body.partition(sep)
    if not re.fullmatch(r"[0-9]+", voor) or not re.fullmatch(r"[0-9]+", na):
        raise ValueError(body)
    if len(na) != 3 or len(voor) > 3 or voor.startswith("0"):
        return "decimaal", sep
    return "twijfel", sep


def _ontleed(text: str) -> tuple[str, str, bool]:
    """(sign, body, percent) of a number cell; ValueError for anything but ASCII digits with
    separators, an optional sign, a leading or trailing euro sign/EUR and a trailing %."""
    s = text.strip()
    if any(ch.isdigit() and not ch.isascii() for ch in s):
        raise ValueError("alleen de cijfers 0-9")
    procent = s.endswith("%")
    if procent:
        s = s[:-1].rstrip()
    teken = ""
    for _ in range(2):  # "- € 12", "€ -12"
        if _TEKEN.match(s):
            teken, s = s[0], s[1:].strip()
        s = _VALUTA.sub("", s, count=1).strip()
    if s.startswith(("+", "-")) and not teken:
        teken, s = s[0], s[1:]
    return teken, s, procent


def decimaalteken(values: list[str]) -> str | None:
    """The decimal separator a column shows (a value with both, a separator that can only be
    decimal or only a thousands group); the majority wins (values that contradict it are
    refused); None when there is no evidence or a tie."""
    stemmen = {".": 0, ",": 0}
    for v in values:
        if isinstance(v, Getal):
            continue
        try:
            soort, sep = _vorm(_ontleed(v)[1])
        except ValueError:
            continue
        if soort in ("decimaal", "beide") and sep:
            stemmen[sep] += 1
        elif soort == "duizend" and sep:
            stemmen["," if sep == "." else "."] += 1
    if stemmen["."] == stemmen[","]:
        return None  # no evidence, or as much for both: each value must speak for itself
    return max(stemmen, key=lambda k: stemmen[k])


def lees_getal(text: str, decimaal: str | None) -> float:
    """Parse ``1.234,5`` / ``1,234.5`` / ``€ 12,50`` / ``1 234 567`` / ``12,5%`` with the
    column's decimal separator (None: not known). Raises :class:`Dubbelzinnig` for a value that
    reads two ways, ValueError for anything else that is no number (also ``1 2 3``, ``1EUR2``,
    non-ASCII digits, a separator that contradicts the column's)."""
    if isinstance(text, Getal):
        return float(text)
    teken, body, _ = _ontleed(text)
    soort, sep = _vorm(body)
    if soort in ("geheel", "exponent"):
        waarde = float(re.sub(f"[{_SPATIE}]", "", body))
    elif soort == "twijfel":
        if decimaal is None:
            raise Dubbelzinnig(text)
        waarde = float(body.replace(sep, "." if sep == decimaal else ""))
    else:
        dec = sep if soort in ("decimaal", "beide") else ("," if sep == "." else ".")
        if decimaal is not None and dec != decimaal:
            raise ValueError(f"ander decimaalteken dan de rest van de kolom ({decimaal!r})")
        dui = "." if dec == "," else ","
        waarde = float(re.sub(f"[{_SPATIE}]", "", body).replace(dui, "").replace(dec, "."))
    return -waarde if teken == "-" else waarde


def _getal_reden(cell: str, dec: str | None, unit: str) -> tuple[float, str | None, str]:
    """(value, reason to refuse or None, kind of reason)."""
    try:
        value = lees_getal(cell, dec)
    except Dubbelzinnig:
        return (
            math.nan,
            (
                f"dubbelzinnig getal {korte_naam(cell)!r} (duizendtal of decimalen?): de kolom "
                "laat niet zien welk teken de decimalen scheidt; schrijf het zonder punt/komma "
                "voor duizendtallen, bv. 1234 of 1234,5"
            ),
            "dubbelzinnig getal",
        )
    except ValueError as exc:
        extra = str(exc) if str(exc) != cell and not isinstance(cell, Getal) else ""
        extra = extra if extra.startswith(("alleen", "ander")) else ""
        return (
            math.nan,
            (f"geen getal: {korte_naam(cell)!r}" + (f" ({extra})" if extra else "")),
            "geen getal",
        )
    if not math.isfinite(value):
        return value, "geen eindig getal", "geen eindig getal"
    if unit == "aantal" and value < 0:
        return value, f"negatief aantal ({korte_naam(cell)})", "negatief aantal"
    if unit == "%" and not 0 <= value <= 100:
        return (
            value,
            (
                f"percentage buiten 0-100 ({korte_naam(cell)}); een verandering in procenten "
                "hoort in een kolom met een andere eenheid"
            ),
            "percentage buiten 0-100",
        )
    return value, None, ""


def _kolommen(kop: list[str], eenheid: str | None, out: Uitkomst):
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
            out.wijs_af(Afwijzing(reden, kolom=naam, soort="kolom: " + reden.split(" (")[0]))
            continue
        seen.add(ident)
        cols[i] = (ident, unit, naam)
    return code_idx, cols


def _codes(tabel: Tabel, code_idx: int, niveau, regios, oude, out: Uitkomst) -> dict[int, str]:
    """Valid region code per row index; rejections and normalisations reported."""
    ok: dict[int, str] = {}
    width = len(tabel.kop)
    normalised = 0
    waar = {"gemeente": "in de gekozen gemeente en gebiedsindeling", "alle": "in de database"}
    for n, row in enumerate(tabel.rijen):
        line = tabel.nummer(n)
        if len(row) != width:
            out.wijs_af(
                Afwijzing(
                    f"aantal velden klopt niet ({len(row)} in plaats van {width})",
                    line,
                    soort="aantal velden klopt niet",
                )
            )
            continue
        raw = row[code_idx]
        code = normaliseer_code(raw)
        if code != raw:
            normalised += 1
        patroon = CODE_PATROON.get(niveau, "|".join(CODE_PATROON.values()))
        if not code:
            reden, soort = "regiocode ontbreekt", "regiocode ontbreekt"
        elif len(code) > 12 or not re.fullmatch(patroon, code):
            naam = f"{niveau}code" if niveau else "regiocode"
            reden = f"{korte_naam(raw)!r} is geen {naam} (bv. GM0363, WK036305, BU03630501)"
            soort = f"geen {naam}"
        elif regios is not None and code not in regios:
            jaren = oude.get(code) if oude else None
            if jaren:
                reden = (
                    f"{code} is een oude code (bestaat in indeling {', '.join(map(str, jaren))})"
                )
                soort = "oude code"
            else:
                bereik = getattr(regios, "bereik", None) or waar["gemeente"]
                reden, soort = f"{code} is onbekend {bereik}", "onbekende code"
        else:
            ok[n] = code
            continue
        out.wijs_af(Afwijzing(reden, line, korte_naam(tabel.kop[code_idx]), soort=soort))
    if normalised:
        out.meldingen.append(f"{normalised} regiocode(s) genormaliseerd (spaties, hoofdletters).")
    dubbel = pd.Series(ok).duplicated(keep=False)
    for n in dubbel[dubbel].index:
        out.wijs_af(
            Afwijzing(
                f"regiocode {ok.pop(n)} komt dubbel voor",
                tabel.nummer(n),
                soort="dubbele regiocode",
            )
        )
    return ok


class Codes(set):
    """Known region codes plus a phrase for where they come from (for the report)."""

    bereik: str = ""


def valideer(
    tabel: Tabel,
    *,
    niveau: str | None = None,
    regios: set[str] | None = None,
    oude: dict[str, list[int]] | None = None,
    eenheid: str | None = None,
) -> Uitkomst:
    """Check an uploaded table; ``regios`` are the valid codes of the chosen year (None: any)."""
    out = Uitkomst(
        waarden=pd.DataFrame(columns=["regio_code", "indicator", "kolom", "waarde", "eenheid"])
    )
    if not tabel.rijen:
        out.wijs_af(Afwijzing("het bestand bevat alleen een kopregel, geen gegevens"))
        return out
    code_idx, cols = _kolommen(tabel.kop, eenheid, out)
    if not cols:
        out.wijs_af(Afwijzing("geen bruikbare kolom met getallen gevonden"))
    codes = _codes(tabel, code_idx, niveau, regios, oude, out)
    rows, leeg = [], 0
    for i, (ident, unit, naam) in cols.items():
        cells = {n: _strip(tabel.rijen[n][i]) for n in codes}
        dec = decimaalteken([c for c in cells.values() if c not in MARKERS])
        for n, cell in cells.items():
            if cell in MARKERS:
                leeg += 1
                rows.append((codes[n], ident, naam, math.nan, unit))
                continue
            reden = is_gevaarlijk(cell)
            soort = reden or ""
            if reden is None:
                value, reden, soort = _getal_reden(cell, dec, unit)
            if reden:
                out.wijs_af(Afwijzing(reden, tabel.nummer(n), naam, soort=soort))
            else:
                rows.append((codes[n], ident, naam, value, unit))
    if rows:
        out.waarden = pd.DataFrame(rows, columns=list(out.waarden.columns))
    if leeg:
        out.meldingen.append(
            f"{leeg} lege of geheime cel(len) ('.', 'x', '-', leeg) = onbekend, niet 0."
        )
    return out


def _strip(cell: str) -> str:
    return cell if isinstance(cell, Getal) else cell.strip()


def rapport(out: Uitkomst, bestand: str = "") -> str:
    """The Dutch report: summary, notes, the number of rejections per kind, then the first
    :data:`MAX_GETOOND` rejections with their reasons (the size stays bounded)."""
    regios = out.waarden["regio_code"].nunique() if not out.waarden.empty else 0
    kop = f"Controle van {korte_naam(bestand)}: " if bestand else "Controle: "
    status = "geldig" if out.geldig else "niet (volledig) geldig"
    lines = [
        f"{kop}{status}. {len(out.waarden)} waarde(n) voor {regios} gebied(en) geaccepteerd, "
        f"{out.aantal_afgewezen} afgewezen."
    ]
    lines += [f"- {m}" for m in out.meldingen]
    if out.aantal_afgewezen > len(out.afgewezen):
        lines.append("- Afgewezen per soort:")
        soorten = sorted(out.per_soort.items(), key=lambda kv: -kv[1])
        lines += [f"  - {korte_naam(k)}: {v}" for k, v in soorten[:MAX_GETOOND]]
        lines.append(f"- De eerste {len(out.afgewezen)} afwijzingen:")
    for a in out.afgewezen:
        waar = ", ".join(
            p for p in (f"rij {a.rij}" if a.rij else "", f"kolom {a.kolom}" if a.kolom else "") if p
        )
        lines.append(f"- Afgewezen{' (' + waar + ')' if waar else ''}: {a.reden}")
    if out.aantal_afgewezen > len(out.afgewezen):
        lines.append(f"- ... en nog {out.aantal_afgewezen - len(out.afgewezen)} afwijzing(en).")
    return "\n".join(lines)


def indeling(codes: pd.DataFrame, jaar: int) -> tuple[set[str], dict[str, list[int]]]:
    """Valid codes of ``jaar`` and, for codes only in other years, those years."""
    codes = codes.assign(regio_code=codes["regio_code"].astype(str).str.strip())
    huidig = set(codes.loc[codes["jaar"].astype(int) == int(jaar), "regio_code"])
    oude = codes[~codes["regio_code"].isin(huidig)].groupby("regio_code")["jaar"]
    return huidig, {k: sorted({int(j) for j in v}) for k, v in oude}
