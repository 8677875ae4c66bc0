"""Replays of PDOK's boundary services in the real response shape, with synthetic geometry.

Shapes (from the services' documentation and the stored 2015 and 2024 boundary files):

- OGC API Features ``wijken-en-buurten-<jaar>`` (recent years): ``FeatureCollection`` pages
  with ``type``, ``timeStamp``, ``links`` (``self``, ``alternate`` and, except on the last
  page, ``next`` with a ``cursor``), ``numberReturned``, optionally ``numberMatched``, and
  ``features`` with ``id``, ``type``, ``geometry`` (lon/lat) and lower-case ``properties``
  (``gemeentecode``, ``gemeentenaam``, ``wijkcode``, ``wijknaam``, ``buurtcode``,
  ``buurtnaam``, ``water`` JA/NEE, ``aantal_inwoners``, ...);
- WFS ``wijkenbuurten/<jaar>`` (older years): capabilities XML naming the feature types
  (``wijkenbuurten:cbs_gemeente_<jaar>`` ...), GetFeature as GeoJSON in RD New (EPSG:28992)
  with the wijk- en buurtkaart's upper-case properties (``GM_CODE``, ``GM_NAAM``,
  ``WK_CODE``, ``WK_NAAM``, ``BU_CODE``, ``BU_NAAM``, ``WATER``, ``AANT_INW``), paged by
  ``count``/``startIndex``.

Geometry and values are synthetic: gemeenten ``GM99xx`` ("Testdorp xx") on a grid, each with
wijken and buurten that tile it, plus, as in the real layers, a water buurt and a water part of
each gemeente (same code, ``water`` JA) and a "Buitenland" wijk with ``-99997`` statistics; a year can move the buurt
boundaries (``verschuif``) so a test can tell the years' shapes apart.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pyproj
import shapely

from data_sources import pdok

#: RD origin of the synthetic grid (near Zwolle) and the size of a gemeente square in metres.
X0, Y0, GM_M = 200_000.0, 500_000.0, 8_000.0
_NAAR_WGS84 = pyproj.Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


@dataclass(frozen=True)
class Gebied:
    niveau: str
    code: str
    naam: str
    gemeente_code: str
    gemeente_naam: str
    wijk_code: str | None
    rd: shapely.Geometry
    water: bool = False


def gebieden(jaar: int, gemeenten: int = 3, wijken: int = 2, verschuif: float = 0.0):
    """Synthetic gemeenten, wijken (vertical strips) and buurten (cells) that tile them.

    ``verschuif`` (0..0.4) moves the inner buurt boundary of every wijk, so two years of the
    same codes have different buurt shapes.
    """
    out = []
    for g in range(gemeenten):
        gm, gm_naam = f"GM99{g:02d}", f"Testdorp {g:02d}"
        x, y = X0 + g * GM_M, Y0
        out.append(
            Gebied(
                "gemeente", gm, gm_naam, gm, gm_naam, None, shapely.box(x, y, x + GM_M, y + GM_M)
            )
        )
        breed = GM_M / wijken
        for w in range(wijken):
            wk = f"WK99{g:02d}{w:02d}"
            wx = x + w * breed
            out.append(
                Gebied(
                    "wijk",
                    wk,
                    f"Wijk {w} {gm_naam}",
                    gm,
                    gm_naam,
                    wk,
                    shapely.box(wx, y, wx + breed, y + GM_M),
                )
            )
            grens = y + GM_M * (0.5 + verschuif)
            cellen = [(y, grens), (grens, y + GM_M)]
            for b, (y1, y2) in enumerate(cellen):
                out.append(
                    Gebied(
                        "buurt",
                        f"BU99{g:02d}{w:02d}{b:02d}",
                        f"Buurt {w}-{b} {gm_naam}",
                        gm,
                        gm_naam,
                        wk,
                        shapely.box(wx, y1, wx + breed, y2),
                    )
                )
        # a water buurt overlapping the gemeente edge (dropped on ingest)
        out.append(
            Gebied(
                "buurt",
                f"BU99{g:02d}0099",
                "Water",
                gm,
                gm_naam,
                f"WK99{g:02d}00",
                shapely.box(x, y - 500, x + GM_M, y),
                water=True,
            )
        )
        # the gemeente's water part: a second feature with the same code, water JA
        out.append(
            Gebied(
                "gemeente",
                gm,
                gm_naam,
                gm,
                gm_naam,
                None,
                shapely.box(x, y - 500, x + GM_M, y),
                water=True,
            )
        )
    # each layer's "Buitenland" entry (statistics -99997, water NEE)
    buiten = shapely.box(X0 - 2_000, Y0, X0 - 1_000, Y0 + 1_000)
    out.append(Gebied("wijk", "WK099999", "Buitenland", "GM0999", "Buitenland", "WK099999", buiten))
    return out


def gebieden_nl(gemeenten: int = 342, wijken: int = 10, buurten_per_wijk: int = 4):
    """National-size synthetic boundaries with the codes and names of
    :func:`tests.support.kwb_replay.regios_nl` (``GM0001``, ``WK000100``, ``BU00010000``, ...):
    gemeenten on a grid of 4 km squares, wijken as strips, buurten as cells."""
    out = []
    kant = 4_000.0
    per_rij = 19
    for g in range(1, gemeenten + 1):
        gm, gm_naam = f"GM{g:04d}", f"Gemeente {g:04d}"
        x = X0 - 60_000 + ((g - 1) % per_rij) * kant
        y = Y0 - 100_000 + ((g - 1) // per_rij) * kant
        out.append(
            Gebied(
                "gemeente", gm, gm_naam, gm, gm_naam, None, shapely.box(x, y, x + kant, y + kant)
            )
        )
        breed, hoog = kant / wijken, kant / buurten_per_wijk
        for w in range(wijken):
            wk, wx = f"WK{g:04d}{w:02d}", x + w * breed
            out.append(
                Gebied(
                    "wijk",
                    wk,
                    f"Wijk {w:02d} van {g:04d}",
                    gm,
                    gm_naam,
                    wk,
                    shapely.box(wx, y, wx + breed, y + kant),
                )
            )
            for b in range(buurten_per_wijk):
                out.append(
                    Gebied(
                        "buurt",
                        f"BU{g:04d}{w:02d}{b:02d}",
                        f"Buurt {g:04d}-{w}-{b}",
                        gm,
                        gm_naam,
                        wk,
                        shapely.box(wx, y + b * hoog, wx + breed, y + (b + 1) * hoog),
                    )
                )
    return out


def _wgs84(geom: shapely.Geometry) -> dict:
    return shapely.geometry.mapping(shapely.transform(geom, _lonlat))


def _lonlat(xy):
    import numpy as np

    lon, lat = _NAAR_WGS84.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def _ogc_props(g: Gebied, i: int) -> dict:
    leeg = g.water or g.naam == "Buitenland"
    inwoners = -99997 if leeg else 1000 + 37 * i  # -99997: not available or suppressed
    props = {"gemeentecode": g.gemeente_code, "gemeentenaam": g.gemeente_naam}
    if g.niveau == "wijk":
        props = {"wijkcode": g.code, "wijknaam": g.naam, **props}
    if g.niveau == "buurt":
        props = {"buurtcode": g.code, "buurtnaam": g.naam, "wijkcode": g.wijk_code, **props}
    props.update(
        {
            "indelingswijziging_wijken_en_buurten": 1,
            "water": "JA" if g.water else "NEE",
            "meest_voorkomende_postcode": None if leeg else "8011",
            "aantal_inwoners": inwoners,
            "mannen": -99997 if leeg else inwoners // 2,
            "vrouwen": -99997 if leeg else inwoners - inwoners // 2,
            "omgevingsadressendichtheid": -99997 if leeg else 2100,
        }
    )
    return props


def _wfs_props(g: Gebied, i: int) -> dict:
    inwoners = -99997 if g.water else 1000 + 37 * i  # the kaart's code for "geheim"
    props = {}
    if g.niveau == "buurt":
        props = {"BU_CODE": g.code, "BU_NAAM": g.naam}
    if g.niveau in ("wijk", "buurt"):
        props.update(
            {"WK_CODE": g.wijk_code}
            if g.niveau == "buurt"
            else {"WK_CODE": g.code, "WK_NAAM": g.naam}
        )
    props.update(
        {
            "GM_CODE": g.gemeente_code,
            "GM_NAAM": g.gemeente_naam,
            "IND_WBI": 1,
            "WATER": "JA" if g.water else "NEE",
            "POSTCODE": None if g.water else "8011",
            "AANT_INW": inwoners,
            "AANT_MAN": inwoners // 2,
        }
    )
    return props


class Replay:
    """URL -> response text (or a fault) for one or more years; plug into ``responses``."""

    def __init__(self) -> None:
        self.antwoorden: dict[str, list] = {}
        self.opgevraagd: list[str] = []
        #: HEAD requests (the freshness check of a download), apart from the GETs.
        self.head_opgevraagd: list[str] = []
        #: Extra response headers per URL (``Last-Modified``, ``ETag``).
        self.koppen: dict[str, dict[str, str]] = {}

    @staticmethod
    def sleutel(url: str) -> str:
        parsed = urlparse(url)
        query = sorted((k, v[0]) for k, v in parse_qs(parsed.query).items())
        return f"{parsed.scheme}://{parsed.netloc}{parsed.path}?{urlencode(query)}"

    def zet(self, url: str, *antwoorden) -> None:
        """Answers for ``url`` in order (the last one repeats): ``(status, text)`` tuples or an
        exception instance to raise."""
        self.antwoorden[self.sleutel(url)] = list(antwoorden)

    def kop(self, url: str, **koppen: str) -> None:
        """Response headers of ``url`` (``Last_Modified="..."`` -> ``Last-Modified``)."""
        self.koppen[self.sleutel(url)] = {k.replace("_", "-"): v for k, v in koppen.items()}

    def collectie_url(self, jaar: int, niveau: str) -> str:
        """The OGC API collection document of a level (the freshness check)."""
        base = pdok.OGC_COLLECTIE_URL.format(jaar=jaar, collectie=pdok.COLLECTIES[niveau])
        return f"{base}?f=json"

    def ogc(self, jaar: int, gebieden_, pagina: int = 2, matched: bool = True) -> None:
        """OGC API pages of ``pagina`` synthetic features per level (cursor links)."""
        for niveau in pdok.COLLECTIES:
            items = [g for g in gebieden_ if g.niveau == niveau]
            features = [
                {"type": "Feature", "geometry": _wgs84(g.rd), "properties": _ogc_props(g, i)}
                for i, g in enumerate(items)
            ]
            self.ogc_features(jaar, niveau, features, pagina, matched)

    def ogc_features(
        self, jaar: int, niveau: str, features: list[dict], pagina: int = 1000, matched=True
    ) -> None:
        """Any GeoJSON features (lon/lat) as the OGC API pages of one collection."""
        base = pdok.OGC_URL.format(jaar=jaar, collectie=pdok.COLLECTIES[niveau])
        collectie = pdok.COLLECTIES[niveau]
        doc = {
            "id": collectie,
            "title": collectie.capitalize(),
            "description": f"CBS {collectie} {jaar}",
            "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"],
            "storageCrs": "http://www.opengis.net/def/crs/EPSG/0/28992",
            "links": [{"rel": "items", "type": "application/geo+json", "href": base + "?f=json"}],
        }
        self.zet(self.collectie_url(jaar, niveau), (200, json.dumps(doc)))
        urls = [f"{base}?f=json&limit={pdok.PAGINA}"]
        chunks = [features[i : i + pagina] for i in range(0, len(features), pagina)] or [[]]
        for n in range(1, len(chunks)):
            urls.append(f"{base}?cursor=Dv{n:03d}%7CNwyr1Q&f=json&limit={pdok.PAGINA}")
        for n, chunk in enumerate(chunks):
            links = [
                {
                    "rel": "self",
                    "title": "This document as GeoJSON",
                    "type": "application/geo+json",
                    "href": urls[n],
                },
                {
                    "rel": "alternate",
                    "title": "This document as HTML",
                    "type": "text/html",
                    "href": urls[n].replace("f=json", "f=html"),
                },
            ]
            if n + 1 < len(chunks):
                links.append(
                    {
                        "rel": "next",
                        "title": "Next page",
                        "type": "application/geo+json",
                        "href": urls[n + 1],
                    }
                )
            if n > 0:
                links.append(
                    {
                        "rel": "prev",
                        "title": "Previous page",
                        "type": "application/geo+json",
                        "href": urls[n - 1],
                    }
                )
            start = n * pagina
            body = {
                "type": "FeatureCollection",
                "timeStamp": "2025-03-01T10:00:00Z",
                "links": links,
                **({"numberMatched": len(features)} if matched else {}),
                "numberReturned": len(chunk),
                "features": [{"id": start + i + 1, **f} for i, f in enumerate(chunk)],
            }
            self.zet(urls[n], (200, json.dumps(body)))

    def wfs(self, jaar: int, gebieden_, pagina: int = 1000) -> None:
        """Capabilities and GetFeature pages (RD New GeoJSON) of synthetic areas in ``jaar``;
        the OGC API of that year answers 404 when it is one of :data:`pdok.OGC_JAREN`."""
        for niveau in pdok.COLLECTIES:
            items = [g for g in gebieden_ if g.niveau == niveau]
            features = [
                {
                    "type": "Feature",
                    "geometry": shapely.geometry.mapping(g.rd),
                    "properties": _wfs_props(g, i),
                }
                for i, g in enumerate(items)
            ]
            self.wfs_features(jaar, niveau, features, pagina)

    def wfs_features(self, jaar: int, niveau: str, features: list[dict], pagina: int = 1000):
        """Any GeoJSON features (RD New) as the WFS pages of one level in ``jaar``: at most
        ``pagina`` per page (a server maximum below the ``count`` asked), then an empty page."""
        base = pdok.WFS_URL.format(jaar=jaar)
        typen = {n: f"wijkenbuurten:cbs_{n}_{jaar}" for n in pdok.COLLECTIES}
        caps = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<wfs:WFS_Capabilities version="2.0.0" '
            'xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1">'
            f"<ows:ServiceIdentification><ows:Title>CBS Wijken en Buurten {jaar}</ows:Title>"
            "</ows:ServiceIdentification><ows:ServiceProvider><ows:ProviderName>PDOK"
            "</ows:ProviderName></ows:ServiceProvider><wfs:FeatureTypeList>"
            + "".join(
                f"<wfs:FeatureType><wfs:Name>{t}</wfs:Name><wfs:Title>{n}</wfs:Title>"
                "<wfs:DefaultCRS>urn:ogc:def:crs:EPSG::28992</wfs:DefaultCRS></wfs:FeatureType>"
                for n, t in typen.items()
            )
            + "</wfs:FeatureTypeList></wfs:WFS_Capabilities>"
        )
        self.zet(f"{base}?service=WFS&request=GetCapabilities", (200, caps))
        if jaar in pdok.OGC_JAREN:
            base_ogc = pdok.OGC_URL.format(jaar=jaar, collectie=pdok.COLLECTIES[niveau])
            self.zet(f"{base_ogc}?f=json&limit={pdok.PAGINA}", (404, '{"code":"Not Found"}'))
        typenaam = typen[niveau]
        for start in [*range(0, len(features), pagina), len(features)]:
            chunk = features[start : start + pagina]
            params = {
                "service": "WFS",
                "version": "2.0.0",
                "request": "GetFeature",
                "typeNames": typenaam,
                "outputFormat": "application/json",
                "srsName": "EPSG:28992",
                "count": pdok.PAGINA,
                "startIndex": start,
            }
            naam = typenaam.split(":")[-1]
            body = {
                "type": "FeatureCollection",
                "name": naam,
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
                "features": [{**f, "id": f"{naam}.{start + i + 1}"} for i, f in enumerate(chunk)],
            }
            self.zet(f"{base}?{urlencode(params)}", (200, json.dumps(body)))

    def callback(self, request):
        """``responses`` callback: the next recorded answer for the URL (404 when unknown)."""
        key = self.sleutel(request.url)
        head = request.method == "HEAD"
        (self.head_opgevraagd if head else self.opgevraagd).append(key)
        answers = self.antwoorden.get(key)
        if not answers:
            return (404, {}, "<html><body>404 Not Found</body></html>")
        answer = (answers.pop(0) if len(answers) > 1 else answers[0]) if not head else answers[-1]
        if isinstance(answer, Exception):
            raise answer
        status, text = answer
        koppen = dict(self.koppen.get(key, {}))
        if isinstance(text, bytes):
            koppen["Content-Type"] = "application/zip"
        elif text.lstrip().startswith("{"):
            koppen["Content-Type"] = "application/geo+json"
        else:
            koppen["Content-Type"] = "text/html"
        return (status, koppen, b"" if head else text)

    def kaart(self, jaar: int, gebieden_, tmp: Path) -> bytes:
        """CBS's wijk- en buurtkaart zip of ``jaar`` as CBS names its shapefiles
        (``gem_<jaar>.shp``, ``wijk_<jaar>.shp``, ``buurt_<jaar>.shp`` in a folder, RD New,
        upper-case properties), served at its download address; returns the zip bytes."""
        import geopandas as gpd

        folder = tmp / f"kaart_{jaar}"
        folder.mkdir(parents=True, exist_ok=True)
        namen = {"gemeente": f"gem_{jaar}", "wijk": f"wijk_{jaar}", "buurt": f"buurt_{jaar}"}
        for niveau, naam in namen.items():
            items = [g for g in gebieden_ if g.niveau == niveau]
            frame = gpd.GeoDataFrame(
                [_wfs_props(g, i) for i, g in enumerate(items)],
                geometry=[g.rd for g in items],
                crs="EPSG:28992",
            )
            frame.to_file(folder / f"{naam}.shp")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.iterdir()):
                zf.write(path, f"Uitvoer_shape/{path.name}")
        data = buffer.getvalue()
        self.zet(pdok.KAART_DOWNLOADS[jaar], (200, data))
        return data

    def activeer(self, rsps) -> None:
        """Route every PDOK request of ``rsps`` (a ``responses`` mock) to this replay."""
        for host in ("https://api.pdok.nl/", "https://service.pdok.nl/", "https://www.cbs.nl/"):
            for methode in ("GET", "HEAD"):
                rsps.add_callback(
                    methode, re.compile(re.escape(host) + ".*"), callback=self.callback
                )
