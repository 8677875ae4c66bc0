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
    ),  # fmt: skip
    ("alleen_codes.csv", b"regio_code\nWK999901\n", "weigeren", "geen bruikbare kolom"),
    ("geen_eenheid.csv", b"regio_code;score\nWK999901;3\n", "weigeren", "eenheid onbekend"),
    (
        "ongesloten_aanhalingsteken.csv",
        (KOP + '"WK999901;12\nWK999902;3\n').encode(),
        "weigeren",
        "Afgewezen",
    ),  # fmt: skip
    (
        "formule_hyperlink.csv",
        (KOP + OK + 'WK999902;=HYPERLINK("http://x";"klik")\n').encode(),
        "deels",
        "formule",
    ),  # fmt: skip
    ("formule_dde.csv", (KOP + OK + "WK999902;=cmd|' /C calc'!A0\n").encode(), "deels", "formule"),
    ("formule_plus.csv", (KOP + OK + "WK999902;+1+cmd|x\n").encode(), "deels", "formule"),
    ("formule_at.csv", (KOP + OK + "WK999902;@SUM(1+1)\n").encode(), "deels", "formule"),
    (
        "formule_in_kop.csv",
        b"regio_code;bewoners_aantal;=1+1\nWK999901;1;2\n",
        "deels",
        "formule",
    ),  # fmt: skip
    (
        "html_script.csv",
        (KOP + OK + "WK999902;<script>alert(1)</script>\n").encode(),
        "deels",
        "HTML",
    ),  # fmt: skip
    (
        "html_img_onerror.csv",
        (KOP + OK + "WK999902;<img src=x onerror=alert(1)>\n").encode(),
        "deels",
        "HTML",
    ),  # fmt: skip
    (
        "html_in_kop.csv",
        b"regio_code;bewoners_aantal;<b>x</b>_eur\nWK999901;1;2\n",
        "deels",
        "HTML",
    ),  # fmt: skip
    (
        "javascript_url.csv",
        (KOP + OK + "WK999902;javascript:alert(1)\n").encode(),
        "deels",
        "HTML",
    ),  # fmt: skip
    (
        "lange_kop.csv",
        ("regio_code;bewoners_aantal;" + "k" * 5000 + "_eur\nWK999901;1;2\n").encode(),
        "deels",
        "te lang",
    ),  # fmt: skip
    ("lange_code.csv", (KOP + OK + "WK" + "9" * 10000 + ";3\n").encode(), "deels", "geen wijkcode"),
    (
        "lange_waarde.csv",
        (KOP + OK + "WK999902;" + "1" * 400 + "x\n").encode(),
        "deels",
        "geen getal",
    ),  # fmt: skip
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
    ),  # fmt: skip
    ("twee_decimaaltekens.csv", (KOP + OK + "WK999902;12,3,4\n").encode(), "deels", "geen getal"),
    (
        "rafelige_rijen.csv",
        (KOP + OK + "WK999902;3;4;5\nWK999903\n").encode(),
        "deels",
        "aantal velden",
    ),  # fmt: skip
    ("dubbele_kop.csv", b"regio_code;a_eur;a_eur\nWK999901;1;2\n", "deels", "dubbel"),
    ("lege_kop.csv", b"regio_code;a_eur;\nWK999901;1;2\n", "deels", "zonder naam"),
    (
        "kop_begint_met_cijfer.csv",
        b"regio_code;a_eur;2019_eur\nWK999901;1;2\n",
        "deels",
        "met een letter",
    ),  # fmt: skip
    ("emoji_kop.csv", "regio_code;a_eur;💶\nWK999901;1;2\n".encode(), "deels", "kolom"),
    (
        "sql_in_code.csv",
        (KOP + OK + "WK999902'; DROP TABLE bron;--;3\n").encode(),
        "deels",
        "Afgewezen",
    ),  # fmt: skip
    (
        "sql_in_kop.csv",
        b"regio_code;a_eur;x_eur' OR 1=1 --\nWK999901;1;2\n",
        "deels",
        "eenheid onbekend",
    ),  # fmt: skip
    ("rtl_override_code.csv", (KOP + OK + "\u202eWK999902;3\n").encode(), "deels", "geen wijkcode"),
    (
        "meerregelig_veld.csv",
        (KOP + OK + '"WK999902\nWK999901";3\n').encode(),
        "deels",
        "geen wijkcode",
    ),  # fmt: skip
    ("xlsx_leeg.xlsx", _xlsx([]), "weigeren", "geen gegevens"),
    ("xlsx_alleen_kop.xlsx", _xlsx([["regio_code", "bewoners_aantal"]]), "weigeren", "kopregel"),
    (
        "xlsx_formule.xlsx",
        _xlsx(
            [["regio_code", "a_eur"], ["WK999901", 1], ["WK999902", '=HYPERLINK("http://x","k")']]
        ),
        "deels",
        "formule",
    ),  # fmt: skip
    (
        "xlsx_script.xlsx",
        _xlsx(
            [["regio_code", "a_eur"], ["WK999901", 1], ["WK999902", "<script>alert(1)</script>"]]
        ),
        "deels",
        "HTML",
    ),  # fmt: skip
]
INGEST = [
    ("kwb_binair.csv", "kwb_csv", bytes(range(256)) * 4, "kan niet worden gelezen"),
    ("kwb_leeg.csv", "kwb_csv", b"", "kan niet worden gelezen"),
    ("kwb_zonder_codekolom.csv", "kwb_csv", b'"ID";"Code";"AantalInwoners_5"\n"1";"GM9999";"5"\n',
     "WijkenEnBuurten ontbreekt"),  # fmt: skip
    ("kwb_tekst_in_getal.csv", "kwb_csv", (KWB_KOP + '"1";"GM9999";"<script>"\n').encode(),
     "geen getal"),  # fmt: skip
    ("kwb_rafelig.csv", "kwb_csv", (KWB_KOP + '"1";"GM9999";"5";"6";"7"\n').encode(),
     "meer velden"),  # fmt: skip
    ("kwb_cp1252.csv", "kwb_csv", (KWB_KOP + '"1";"GM9999";"5 €"\n').encode("cp1252"),
     "kan niet worden gelezen"),  # fmt: skip
    ("kwb_afgebroken.json", "kwb_json", b'{"GM9999": {"AantalInwoners_5": 10100, "Woning',
     "kan niet worden gelezen"),  # fmt: skip
    ("kwb_odata_pagina_afgebroken.json", "kwb_json",
     b'{"odata.metadata":"x","value":[{"WijkenEnBuurten":"GM9999  ","AantalInwoners_5":1',
     "kan niet worden gelezen"),  # fmt: skip
    ("kwb_lijst.json", "kwb_json", b'[{"GM9999": {}}]', "JSON-object"),
    ("kwb_null.json", "kwb_json", b"null", "JSON-object"),
    ("kwb_tekst_in_getal.json", "kwb_json", b'{"GM9999": {"AantalInwoners_5": "veel"}}',
     "geen getal"),  # fmt: skip
    ("geo_afgebroken.geojson", "geojson", _poly([[5, 52], [5.1, 52], [5.1, 52.1], [5, 52]])[:60],
     "GeoJSON"),  # fmt: skip
    ("geo_geen_json.geojson", "geojson", b"dit is geen geojson", "GeoJSON"),
    ("geo_zelfdoorsnijdend.geojson", "geojson",
     _poly([[5, 52], [5.1, 52.1], [5.1, 52], [5, 52.1], [5, 52]]), "herstel"),  # fmt: skip
    ("geo_rd_crs.geojson", "geojson",
     _poly([[120000, 480000], [121000, 480000], [121000, 481000], [120000, 480000]]), "herstel"),
]  # fmt: skip


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
