"""The multi-user set-up of docs/deployment.md on loopback: nginx from deploy/nginx.conf.template
in front of two app processes on one PostgreSQL. A browser's page, websocket and later
requests stay on one process (Streamlit keeps the session there); pages render through it."""

from __future__ import annotations

import asyncio
import tomllib
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from geldstromen.bench.proxy import nginx_bin, nginx_config, team
from geldstromen.bench.wsclient import UPSTREAM_HEADER, Sessie
from tests.conftest import IN_CI, REPO
from tests.support.pg import fresh_database
from tests.support.stores import fixture_store


def test_config_from_template(tmp_path):
    tekst = nginx_config("0.0.0.0:8080", ["10.0.0.1:8501", "10.0.0.2:8501"], tmp_path)
    assert "{{" not in tekst
    assert "server 10.0.0.1:8501;" in tekst and "server 10.0.0.2:8501;" in tekst
    assert "hash $geldstromen_route consistent;" in tekst  # sticky on the route cookie
    assert "proxy_set_header Upgrade $http_upgrade;" in tekst  # websockets
    assert "proxy_set_header Host $http_host;" in tekst  # the app checks Origin against Host
    assert UPSTREAM_HEADER not in tekst  # only the benchmark's config names the process
    limiet = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())["server"]
    assert f"client_max_body_size {limiet['maxUploadSize'] + 1}m;" in tekst
    with pytest.raises(ValueError):
        nginx_config("127.0.0.1:1", [], tmp_path)


def test_proxy_config_command(tmp_path):
    from click.testing import CliRunner

    from geldstromen.cli import main

    uit = tmp_path / "nginx.conf"
    apps = ["--app", "127.0.0.1:8501", "--app", "127.0.0.1:8502"]
    res = CliRunner().invoke(
        main, ["proxy-config", *apps, "--werkmap", str(tmp_path), "--uit", str(uit)]
    )
    assert res.exit_code == 0, res.output
    assert uit.read_text() == nginx_config("80", ["127.0.0.1:8501", "127.0.0.1:8502"], tmp_path)
    res = CliRunner().invoke(main, ["proxy-config", "--app", "8501", "--werkmap", str(tmp_path)])
    assert res.exit_code == 1 and "verwacht host:poort" in res.output


def test_no_full_gc_after_every_rerun():
    """Streamlit's default gc.collect(2) after each rerun halved what one process serves."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


@pytest.fixture(scope="module")
def opstelling(postgres_url, tmp_path_factory):
    if nginx_bin() is None:
        if IN_CI:
            pytest.fail("CI=true maar nginx is niet geïnstalleerd")
        pytest.skip("nginx niet geïnstalleerd")
    url = fresh_database(postgres_url)
    tmp = tmp_path_factory.mktemp("team")
    fixture_store(url, tmp)
    with team(url, 2, log_dir=tmp) as (proxy, apps, _pids):
        yield proxy, apps


def _upstream(url: str, cookie: str = "") -> tuple[str, str]:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.headers[UPSTREAM_HEADER], resp.headers.get("Set-Cookie") or ""


@pytest.mark.postgres
def test_new_browsers_spread_over_both_processes(opstelling):
    proxy, apps = opstelling
    gezien = Counter(_upstream(proxy + "_stcore/health")[0] for _ in range(24))
    assert set(gezien) == {a.removeprefix("http://").rstrip("/") for a in apps}, gezien


@pytest.mark.postgres
def test_session_stays_on_one_process_and_renders(opstelling):
    proxy, _apps = opstelling

    async def bezoek() -> list[Sessie]:
        sessies = []
        for _ in range(2):
            sessie = Sessie(proxy, "wijkprofiel", {"gemeente": "GM9999"}, timeout=90)
            await sessie.open()
            ids, keuzes = sessie.widgets["wp_regio"]
            assert len(keuzes) >= 2 and ids.endswith("-wp_regio")
            await sessie.run(wp_regio=keuzes[1])  # a wijk switch over the same websocket
            sessies.append(sessie)
        for sessie in sessies:
            await sessie.close()
        return sessies

    # its own thread and event loop: Playwright's sync API (browser tests earlier in the same
    # pytest process) leaves an event loop running in the main thread
    with ThreadPoolExecutor(max_workers=1) as uitvoerder:
        sessies = uitvoerder.submit(asyncio.run, bezoek()).result()
    for sessie in sessies:
        assert sessie.cookie.startswith("geldstromen_route=")
        # the page, its websocket and a later request of the same browser: one process
        assert sessie.upstream_http and sessie.upstream_ws == sessie.upstream_http
        later, set_cookie = _upstream(proxy + "_stcore/health", sessie.cookie)
        assert later == sessie.upstream_http and "geldstromen_route" not in set_cookie
        # rendered content through the proxy: the page title, the sankey, no error box
        assert "Wijkprofiel" in sessie.teksten
        assert sessie.elementen["plotly_chart"] >= 1 and not sessie.elementen["exception"]
