"""Settings from the environment; every variable is documented in .env.example."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = REPO_ROOT / "sql"


@dataclass(frozen=True)
class Settings:
    """Runtime settings; build with :func:`get_settings`."""

    data_dir: Path | None
    var_dir: Path
    database_url: str
    cache_dir: Path
    http_timeout_s: float
    http_retries: int
    max_upload_mb: int
    #: URL of a MapLibre/Mapbox GL style JSON drawn under the map; None = no basemap, and no
    #: request to any host but the app's own.
    basemap_url: str | None = None


def _path_or_none(value: str | None) -> Path | None:
    return Path(value).expanduser() if value else None


def get_settings(env: dict[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: ``os.environ``)."""
    env = dict(os.environ) if env is None else env
    var_dir = Path(env.get("GELDSTROMEN_VAR_DIR") or REPO_ROOT / "var").expanduser()
    url = env.get("GELDSTROMEN_DATABASE_URL") or f"sqlite:///{var_dir / 'geldstromen.sqlite'}"
    return Settings(
        data_dir=_path_or_none(env.get("GELDSTROMEN_DATA_DIR")),
        var_dir=var_dir,
        database_url=url,
        cache_dir=Path(env.get("GELDSTROMEN_CACHE_DIR") or var_dir / "cbs_cache").expanduser(),
        http_timeout_s=float(env.get("GELDSTROMEN_HTTP_TIMEOUT_S") or 30),
        http_retries=int(env.get("GELDSTROMEN_HTTP_RETRIES") or 4),
        max_upload_mb=int(env.get("GELDSTROMEN_MAX_UPLOAD_MB") or 20),
        basemap_url=_basemap(env.get("GELDSTROMEN_BASEMAP_URL")),
    )


def _basemap(value: str | None) -> str | None:
    """An http(s) URL, or None (empty or anything else: no basemap)."""
    value = (value or "").strip()
    return value if value.startswith(("https://", "http://")) else None
