"""Writes the small hostile/broken files of the corpus and ``manifest.csv`` (run once by hand:
``python -m tests.bad_inputs.maak_corpus``). Big files (500 MB, zip bomb, huge field) are made
at test time in a temporary folder, never committed.

Manifest columns: bestand, doel (upload | kwb_csv | kwb_json | geojson), verwacht
(weigeren = nothing accepted; deels = some rows accepted, exit 1; herstel_of_weigeren = a
geometry that must be repaired or refused), tekst (a Dutch fragment the message must contain).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

HIER = Path(__file__).resolve().parent
MAP = HIER / "bestanden"
OK = "WK999901;12\n"
KOP = "regio_code;bewoners_aantal\n"


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _xlsx_dimensie(rows: list[list], ref: str, cel: str | None = None) -> bytes:
    """An xlsx whose sheet declares ``<dimension ref=...>`` (wrong on purpose), optionally
    with one more value in cell ``cel``."""
    import re

    source = zipfile.ZipFile(io.BytesIO(_xlsx_verre_cel(rows, cel) if cel else _xlsx(rows)))
    members = {}
    for info in source.infolist():
        data = source.read(info)
        if info.filename == "xl/worksheets/sheet1.xml":
            data = re.sub(
                rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{ref}"/>'.encode(), data
            )
        members[info.filename] = data
    return _zip(members)


def _xlsx_verre_cel(rows: list[list], cel: str) -> bytes:
    """An xlsx with ``rows`` and one more value in cell ``cel`` (far away)."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.active[cel] = 1
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _poly(coords, crs: str | None = None, props: dict | None = None) -> bytes:
    import json

    feature = {
        "type": "Feature",
        "properties": props or {"statcode": "GM9999", "statnaam": "Testdorp"},
        "geometry": {"type": "Polygon", "coordinates": [coords]},
    }
    doc = {"type": "FeatureCollection", "features": [feature]}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(doc).encode()


XKOP = ["regio_code", "bewoners_aantal"]
#: 20 data rows: the two wijken of the fixture store and 18 codes it does not know
TWINTIG = [["WK999901", 1], ["WK999902", 2]] + [[f"WK9999{n:02d}", n] for n in range(10, 28)]
KWB_KOP = '"ID";"WijkenEnBuurten";"AantalInwoners_5"\n'
UPLOAD = [
    ("leeg.csv", b"", "weigeren", "leeg"),
    ("alleen_kop.csv", KOP.encode(), "weigeren", "kopregel"),
    ("alleen_witruimte.csv", b"   \n\n \t \n", "weigeren", "leeg"),
    ("alleen_bom.csv", b"\xef\xbb\xbf", "weigeren", "leeg"),
    ("binair.csv", bytes(range(256)) * 4, "weigeren", "binair"),
    ("png_als_csv.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "weigeren", "PNG"),
    ("pdf_als_csv.csv", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "weigeren", "PDF"),
    ("gzip_als_csv.csv", b"\x1f\x8b\x08\x00" + b"\x00" * 32, "weigeren", "gzip"),
    ("programma.csv", b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "weigeren", "programma"),
    ("oud_excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "weigeren", ".xls"),
    ("zip_geen_excel.xlsx", _zip({"a.txt": b"hallo"}), "weigeren", "zip-archief"),
    ("kapotte_xlsx.xlsx", b"PK\x03\x04" + b"\x13" * 200, "weigeren", "Beschadigd"),
    ("utf16_zonder_bom.csv", (KOP + OK).encode("utf-16-le"), "weigeren", "binair"),
    ("nulbyte_midden.csv", (KOP + "WK999901;1\x002\n").encode(), "weigeren", "binair"),
    ("stuurtekens.csv", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "weigeren", "binair"),
    ("json_als_csv.csv", b'{"regio_code": "WK999901", "x": 1}\n', "weigeren", "Afgewezen"),
    (
        "xml_bom.csv",
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><l>&a;&a;</l>\n<l/>\n',
        "weigeren",
        "Afgewezen",
    ),
    ("alleen_codes.csv", b"regio_code\nWK999901\n", "weigeren", "geen bruikbare kolom"),
    ("geen_eenheid.csv", b"regio_code;score\nWK999901;3\n", "weigeren", "eenheid onbekend"),
    (
        "ongesloten_aanhalingsteken.csv",
        (KOP + '"WK999901;12\nWK999902;3\n').encode(),
        "weigeren",
        "Afgewezen",
    ),
    (
        "formule_hyperlink.csv",
        (KOP + OK + 'WK999902;=HYPERLINK("http://x";"klik")\n').encode(),
        "deels",
        "formule",
    ),
    ("formule_dde.csv", (KOP + OK + "WK999902;=cmd|' /C calc'!A0\n").encode(), "deels", "formule"),
    ("formule_plus.csv", (KOP + OK + "WK999902;+1+cmd|x\n").encode(), "deels", "formule"),
    ("formule_at.csv", (KOP + OK + "WK999902;@SUM(1+1)\n").encode(), "deels", "formule"),
    (
        "formule_in_kop.csv",
        b"regio_code;bewoners_aantal;=1+1\nWK999901;1;2\n",
        "deels",
        "formule",
    ),
    (
        "html_script.csv",
        (KOP + OK + "WK999902;<script>alert(1)</script>\n").encode(),
        "deels",
        "HTML",
    ),
    (
        "html_img_onerror.csv",
        (KOP + OK + "WK999902;<img src=x onerror=alert(1)>\n").encode(),
        "deels",
        "HTML",
    ),
    (
        "html_in_kop.csv",
        b"regio_code;bewoners_aantal;<b>x</b>_eur\nWK999901;1;2\n",
        "deels",
        "HTML",
    ),
    (
        "javascript_url.csv",
        (KOP + OK + "WK999902;javascript:alert(1)\n").encode(),
        "deels",
        "HTML",
    ),
    (
        "lange_kop.csv",
        ("regio_code;bewoners_aantal;" + "k" * 5000 + "_eur\nWK999901;1;2\n").encode(),
        "deels",
        "te lang",
    ),
    ("lange_code.csv", (KOP + OK + "WK" + "9" * 10000 + ";3\n").encode(), "deels", "geen wijkcode"),
    (
        "lange_waarde.csv",
        (KOP + OK + "WK999902;" + "1" * 400 + "x\n").encode(),
        "deels",
        "geen getal",
    ),
    ("onbekende_code.csv", (KOP + OK + "WK999977;3\n").encode(), "deels", "onbekend"),
    ("andere_gemeente.csv", (KOP + OK + "WK036305;3\n").encode(), "deels", "onbekend"),
    ("verkeerd_niveau.csv", (KOP + OK + "BU99990101;3\n").encode(), "deels", "geen wijkcode"),
    ("gemeentecode_als_wijk.csv", (KOP + OK + "GM9999;3\n").encode(), "deels", "geen wijkcode"),
    ("code_ontbreekt.csv", (KOP + OK + ";3\n").encode(), "deels", "ontbreekt"),
    ("dubbele_code.csv", (KOP + OK + "WK999902;1\nwk999902;2\n").encode(), "deels", "dubbel"),
    ("negatief_aantal.csv", (KOP + OK + "WK999902;-4\n").encode(), "deels", "negatief"),
    ("geen_getal.csv", (KOP + OK + "WK999902;veel\n").encode(), "deels", "geen getal"),
    ("oneindig.csv", (KOP + OK + "WK999902;inf\n").encode(), "deels", "geen getal"),
    (
        "te_groot_getal.csv",
        (KOP + OK + "WK999902;1" + "0" * 400 + "\n").encode(),
        "deels",
        "eindig",
    ),
    ("twee_decimaaltekens.csv", (KOP + OK + "WK999902;12,3,4\n").encode(), "deels", "geen getal"),
    (
        "rafelige_rijen.csv",
        (KOP + OK + "WK999902;3;4;5\nWK999903\n").encode(),
        "deels",
        "aantal velden",
    ),
    ("dubbele_kop.csv", b"regio_code;a_eur;a_eur\nWK999901;1;2\n", "deels", "dubbel"),
    ("lege_kop.csv", b"regio_code;a_eur;\nWK999901;1;2\n", "deels", "zonder naam"),
    (
        "kop_begint_met_cijfer.csv",
        b"regio_code;a_eur;2019_eur\nWK999901;1;2\n",
        "deels",
        "met een letter",
    ),
    ("emoji_kop.csv", "regio_code;a_eur;💶\nWK999901;1;2\n".encode(), "deels", "kolom"),
    (
        "sql_in_code.csv",
        (KOP + OK + "WK999902'; DROP TABLE bron;--;3\n").encode(),
        "deels",
        "Afgewezen",
    ),
    (
        "sql_in_kop.csv",
        b"regio_code;a_eur;x_eur' OR 1=1 --\nWK999901;1;2\n",
        "deels",
        "eenheid onbekend",
    ),
    ("rtl_override_code.csv", (KOP + OK + "\u202eWK999902;3\n").encode(), "deels", "geen wijkcode"),
    (
        "meerregelig_veld.csv",
        (KOP + OK + '"WK999902\nWK999901";3\n').encode(),
        "deels",
        "geen wijkcode",
    ),
    ("xlsx_leeg.xlsx", _xlsx([]), "weigeren", "geen gegevens"),
    ("xlsx_alleen_kop.xlsx", _xlsx([["regio_code", "bewoners_aantal"]]), "weigeren", "kopregel"),
    (
        "xlsx_formule.xlsx",
        _xlsx(
            [["regio_code", "a_eur"], ["WK999901", 1], ["WK999902", '=HYPERLINK("http://x","k")']]
        ),
        "deels",
        "formule",
    ),
    (
        "xlsx_script.xlsx",
        _xlsx(
            [["regio_code", "a_eur"], ["WK999901", 1], ["WK999902", "<script>alert(1)</script>"]]
        ),
        "deels",
        "HTML",
    ),
    # second round (issue 18): dimensions, caps, numbers, line endings
    (
        "xlsx_dimensie_bom.xlsx",
        _xlsx_dimensie([XKOP, ["WK999901", 12]], "A1:XFD8000"),
        "geldig",
        "geldig",
    ),
    (
        "xlsx_dimensie_bom_verre_cel.xlsx",
        _xlsx_dimensie([XKOP, ["WK999901", 12]], "A1:XFD8000", "A8000"),
        "deels",
        "rij 8000",
    ),
    (
        "xlsx_dimensie_heel_nl.xlsx",
        _xlsx_dimensie([XKOP, ["WK999901", 12]], "A1:XFD1048576"),
        "geldig",
        "geldig",
    ),
    (
        "xlsx_dimensie_te_klein.xlsx",
        _xlsx_dimensie([XKOP, *TWINTIG], "A1:B3"),
        "deels",
        "18 afgewezen",
    ),
    (
        "xlsx_dimensie_breed.xlsx",
        _xlsx_dimensie([XKOP, ["WK999901", 1], ["WK999902", 2]], "A1:XFD3"),
        "geldig",
        "2 waarde(n)",
    ),
    (
        "xlsx_verre_cel.xlsx",
        _xlsx_verre_cel([XKOP, ["WK999901", 12]], "A1048576"),
        "weigeren",
        "lege rijen",
    ),
    (
        "xlsx_verre_kolom.xlsx",
        _xlsx_verre_cel([XKOP, ["WK999901", 12]], "XFD2"),
        "weigeren",
        "te veel kolommen",
    ),
    (
        "xlsx_lege_kolommen.xlsx",
        _xlsx([XKOP + ["", "", ""], ["WK999901", 12, "", "", ""]]),
        "geldig",
        "geldig",
    ),
    (
        "csv_lege_kolommen.csv",
        b"regio_code;bewoners_aantal;;;\nWK999901;12;;;\n",
        "geldig",
        "geldig",
    ),
    (
        "getal_dubbelzinnig_komma.csv",
        b'regio_code,uitgaven_eur\nWK999901,12\nWK999902,"1.234"\n',
        "deels",
        "dubbelzinnig",
    ),
    (
        "getal_dubbelzinnig_puntkomma.csv",
        b"regio_code;uitgaven_eur\nWK999901;12\nWK999902;1.234\n",
        "deels",
        "dubbelzinnig",
    ),
    (
        "getal_punt_nul_in_puntkomma.csv",
        b"regio_code;uitgaven_eur\nWK999901;1.234\nWK999902;0.125\n",
        "geldig",
        "geldig",
    ),
    ("getal_spaties.csv", (KOP + OK + "WK999902;1 2 3\n").encode(), "deels", "geen getal"),
    (
        "getal_eur_midden.csv",
        b"regio_code;uitgaven_eur\nWK999901;12\nWK999902;1EUR2\n",
        "deels",
        "geen getal",
    ),
    ("getal_arabisch_indisch.csv", (KOP + OK + "WK999902;\u0661\u0662\n").encode(), "deels", "0-9"),
    ("getal_volle_breedte.csv", (KOP + OK + "WK999902;\uff11\uff12\n").encode(), "deels", "0-9"),
    ("pct_negatief.csv", b"regio_code;aandeel_pct\nWK999901;12\nWK999902;-10\n", "deels", "0-100"),
    ("pct_boven_100.csv", b"regio_code;aandeel_pct\nWK999901;12\nWK999902;250\n", "deels", "0-100"),
    (
        "cr_regeleinden.csv",
        (KOP + OK + "WK999902;3\n").replace("\n", "\r").encode(),
        "geldig",
        "alleen CR",
    ),
    (
        "gemengde_regeleinden.csv",
        (KOP.replace("\n", "\r") + OK.replace("\n", "\r\n") + "WK999902;3\n").encode(),
        "geldig",
        "gemengde",
    ),
    (
        "sep_regel.csv",
        ("sep=;\r\n" + KOP + OK + "WK999902;3,5\n").encode("utf-8-sig"),
        "geldig",
        "sep=",
    ),
    (
        "sep_regel_komma.csv",
        b'"sep=,"\nregio_code,uitgaven_eur\nWK999901,"1.234,5"\n',
        "geldig",
        "sep=",
    ),
]
INGEST = [
    ("kwb_binair.csv", "kwb_csv", bytes(range(256)) * 4, "kan niet worden gelezen"),
    ("kwb_leeg.csv", "kwb_csv", b"", "kan niet worden gelezen"),
    (
        "kwb_zonder_codekolom.csv",
        "kwb_csv",
        b'"ID";"Code";"AantalInwoners_5"\n"1";"GM9999";"5"\n',
        "WijkenEnBuurten ontbreekt",
    ),
    (
        "kwb_tekst_in_getal.csv",
        "kwb_csv",
        (KWB_KOP + '"1";"GM9999";"<script>"\n').encode(),
        "geen getal",
    ),
    (
        "kwb_rafelig.csv",
        "kwb_csv",
        (KWB_KOP + '"1";"GM9999";"5";"6";"7"\n').encode(),
        "meer velden",
    ),
    (
        "kwb_cp1252.csv",
        "kwb_csv",
        (KWB_KOP + '"1";"GM9999";"5 €"\n').encode("cp1252"),
        "kan niet worden gelezen",
    ),
    (
        "kwb_afgebroken.json",
        "kwb_json",
        b'{"GM9999": {"AantalInwoners_5": 10100, "Woning',
        "kan niet worden gelezen",
    ),
    (
        "kwb_odata_pagina_afgebroken.json",
        "kwb_json",
        b'{"odata.metadata":"x","value":[{"WijkenEnBuurten":"GM9999  ","AantalInwoners_5":1',
        "kan niet worden gelezen",
    ),
    ("kwb_lijst.json", "kwb_json", b'[{"GM9999": {}}]', "JSON-object"),
    ("kwb_null.json", "kwb_json", b"null", "JSON-object"),
    (
        "kwb_tekst_in_getal.json",
        "kwb_json",
        b'{"GM9999": {"AantalInwoners_5": "veel"}}',
        "geen getal",
    ),
    (
        "geo_afgebroken.geojson",
        "geojson",
        _poly([[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]])[:60],
        "GeoJSON",
    ),
    ("geo_geen_json.geojson", "geojson", b"dit is geen geojson", "GeoJSON"),
    (
        "geo_zelfdoorsnijdend.geojson",
        "geojson",
        _poly([[5, 52], [5.1, 52.1], [5.1, 52], [5, 52.1], [5, 52]]),
        "herstel",
    ),
    (
        "geo_rd_crs.geojson",
        "geojson",
        _poly([[120000, 480000], [121000, 480000], [121000, 481000], [120000, 480000]]),
        "herstel",
    ),
]


def main() -> None:
    """(Re)write the corpus folder and the manifest."""
    MAP.mkdir(exist_ok=True)
    rows = []
    for name, data, verwacht, tekst in UPLOAD:
        (MAP / name).write_bytes(data)
        rows.append((name, "upload", verwacht, tekst))
    for name, doel, data, tekst in INGEST:
        (MAP / name).write_bytes(data)
        verwacht = "herstel_of_weigeren" if tekst == "herstel" else "weigeren"
        rows.append((name, doel, verwacht, "" if tekst == "herstel" else tekst))
    with open(HIER / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["bestand", "doel", "verwacht", "tekst"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
