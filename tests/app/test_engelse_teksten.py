"""No English Streamlit defaults where the app can set the text, and menu icons that render
without an emoji font (issue 15): a scan of the app's code, so a new widget cannot forget."""

from __future__ import annotations

import ast
import tomllib

import pytest

from geldstromen.config import get_settings
from tests.conftest import REPO

BESTANDEN = sorted(
    [*REPO.glob("geldstromen/**/*.py"), *REPO.glob("app_pages/*.py"), REPO / "app.py"]
)


def _aanroepen(namen: set[str]):
    for pad in BESTANDEN:
        for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if (
                isinstance(knoop, ast.Call)
                and isinstance(knoop.func, ast.Attribute)
                and knoop.func.attr in namen
            ):
                yield pad.relative_to(REPO), knoop


def test_every_select_has_a_dutch_placeholder():
    """Without ``placeholder`` Streamlit shows "Choose an option" or "No options to select"."""
    zonder = [
        f"{pad}:{k.lineno}"
        for pad, k in _aanroepen({"selectbox", "multiselect"})
        if "placeholder" not in {kw.arg for kw in k.keywords}
    ]
    assert zonder == []


def _icoon(k: ast.Call, naam: str):
    for kw in k.keywords:
        if kw.arg == naam and isinstance(kw.value, ast.Constant):
            return kw.value.value
    return None


def test_icons_are_material_symbols_not_emoji():
    """Emoji need an emoji font on the viewer's machine (empty boxes in headless Chromium)."""
    from geldstromen.ui.navigatie import PAGINAS

    iconen = [i for _, _, i, _ in PAGINAS]
    for pad, k in _aanroepen({"Page", "page_link", "info", "set_page_config"}):
        for naam in ("icon", "page_icon"):
            waarde = _icoon(k, naam)
            if waarde is not None:
                iconen.append(waarde)
                assert waarde.startswith(":material/"), (str(pad), k.lineno, waarde)
    assert len(iconen) >= len(PAGINAS) + 3
    assert all(i.startswith(":material/") and i.endswith(":") for i in iconen), iconen


@pytest.mark.parametrize("sleutel", ["maxUploadSize"])
def test_the_uploader_states_the_apps_own_limit(sleutel):
    """The uploader's "Limit ... per file" comes from server.maxUploadSize: the app's limit."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"][sleutel] == get_settings().max_upload_mb


def test_a_download_does_not_rerun_the_page():
    """``on_click="ignore"`` on every download button: the default reruns the whole page on
    each download, and a second download clicked during that rerun was lost (Chromium walk of
    every export: the Scenario CSV and the zorgkosten Excel-NL CSV never arrived)."""
    zonder = [
        f"{pad}:{k.lineno}"
        for pad, k in _aanroepen({"download_button"})
        if not any(
            kw.arg == "on_click"
            and isinstance(kw.value, ast.Constant)
            and kw.value.value == "ignore"
            for kw in k.keywords
        )
    ]
    assert zonder == []
