"""A minimal Streamlit client: the browser's websocket protocol, without a browser.

The load generator of the concurrency figures. It speaks only what a browser tab sends for a
page view and a widget change: one HTTP GET of the page (which also picks up the proxy's
route cookie), then on ``/_stcore/stream`` one ``BackMsg.rerun_script`` per interaction, and
it reads ``ForwardMsg`` frames until ``script_finished``. Every session of a run shares one
asyncio event loop in one thread, so the client's own CPU use is small and measurable
(:func:`cpu_seconds`). It renders nothing; it looks only at widget ids and options, page
errors and (for tests) the types and texts of the elements.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from collections import Counter
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

#: Response header the benchmark's proxy config adds: the app process that answered.
UPSTREAM_HEADER = "X-Geldstromen-Upstream"
_KLAAR = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class PaginaFout(RuntimeError):
    """The page showed an exception, was not found or did not finish."""


class Sessie:
    """One browser tab on ``page`` of the app at ``base_url`` (through a proxy or direct)."""

    def __init__(self, base_url: str, page: str, query: dict | None = None, timeout=60.0):
        self.base = base_url.rstrip("/") + "/"
        self.page = page.strip("/")
        self.query_string = urlencode(query or {})
        self.timeout = timeout
        self.cookie = ""
        self.page_hash = ""
        #: widget key -> (widget id, options as the browser shows them)
        self.widgets: dict[str, tuple[str, list[str]]] = {}
        #: element type -> count, and markdown/heading texts, of the last run
        self.elementen: Counter = Counter()
        self.teksten: list[str] = []
        #: the app process that answered the page GET and the websocket (via the proxy)
        self.upstream_http: str | None = None
        self.upstream_ws: str | None = None
        self._ws = None

    def _get_page(self) -> None:
        url = self.base + self.page + (f"?{self.query_string}" if self.query_string else "")
        with urllib.request.urlopen(url, timeout=self.timeout) as resp:  # noqa: S310 - loopback
            resp.read()
            self.upstream_http = resp.headers.get(UPSTREAM_HEADER)
            cookie = SimpleCookie()
            for header in resp.headers.get_all("Set-Cookie") or []:
                cookie.load(header)
        self.cookie = "; ".join(f"{k}={m.value}" for k, m in cookie.items())

    async def open(self) -> float:
        """Load the page and run it once (the cold view); returns that run in ms."""
        self._get_page()
        parts = urlsplit(self.base)
        scheme = "wss" if parts.scheme == "https" else "ws"
        headers = {"Origin": f"{parts.scheme}://{parts.netloc}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self._ws = await connect(
            f"{scheme}://{parts.netloc}{parts.path}_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
        )
        self.upstream_ws = self._ws.response.headers.get(UPSTREAM_HEADER)
        return await self.run()

    async def run(self, **widgets: str) -> float:
        """Rerun with the given widget values (by key; option labels as shown); returns the
        time from sending to ``script_finished`` in ms. Raises :class:`PaginaFout`."""
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        if self.page_hash:
            rerun.page_script_hash = self.page_hash
        else:
            rerun.page_name = self.page
        for key, value in widgets.items():
            if key not in self.widgets:
                raise PaginaFout(f"geen widget met sleutel {key!r} op {self.page}")
            state = rerun.widget_states.widgets.add()
            state.id = self.widgets[key][0]
            state.string_value = value
        start = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._lees_tot_klaar(), self.timeout)
        return (time.perf_counter() - start) * 1000

    async def _lees_tot_klaar(self) -> None:
        self.elementen.clear()
        self.teksten.clear()
        fouten: list[str] = []
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self._ws.recv())
            soort = fwd.WhichOneof("type")
            if soort == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._element(fwd.delta.new_element, fouten)
            elif soort == "navigation":
                self.page_hash = fwd.navigation.page_script_hash or self.page_hash
            elif soort == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif soort == "page_not_found":
                fouten.append(f"pagina niet gevonden: {self.page}")
            elif soort == "script_finished":
                if fwd.script_finished in _KLAAR:
                    break
                if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    fouten.append(f"script stopte met status {fwd.script_finished}")
                    break
        if fouten:
            raise PaginaFout("; ".join(fouten)[:500])

    def _element(self, element, fouten: list[str]) -> None:
        soort = element.WhichOneof("type")
        self.elementen[soort] += 1
        if soort == "exception":
            fouten.append(f"{element.exception.type}: {element.exception.message}")
        elif soort in ("markdown", "heading"):
            self.teksten.append(getattr(element, soort).body)
        elif soort == "selectbox":
            widget = element.selectbox
            key = widget.id.rsplit("-", 1)[-1]
            self.widgets[key] = (widget.id, list(widget.options))

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()


def cpu_seconds() -> float:
    """CPU time (user + system) of this thread: the load generator's own cost."""
    return time.thread_time()
