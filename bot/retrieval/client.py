"""The Chroma client factory: an embedded on-disk store, or an HTTP client with bounded calls."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.errors import ConfigError, RetrievalError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI

DEFAULT_TIMEOUT_S = 5.0
"""Seconds any one HTTP call to a Chroma server may take (connect, read, write, pool)."""


def _parse_url(url: str) -> tuple[str, int, bool]:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path not in {"", "/"}:
        msg = f"CHROMA_URL must look like http://host:port, got {url!r}"
        raise ConfigError(msg)
    try:
        port = parts.port
    except ValueError as exc:
        msg = f"CHROMA_URL has an invalid port: {url!r}"
        raise ConfigError(msg) from exc
    ssl = parts.scheme == "https"
    return parts.hostname, port if port is not None else (443 if ssl else 80), ssl


def check_url(url: str) -> None:
    """Raise ConfigError unless `url` looks like ``http(s)://host[:port]``."""
    _parse_url(url)


def _heartbeat(url: str, timeout_s: float) -> None:
    """One bounded GET of the server's heartbeat; raises RetrievalError when it does not answer."""
    import httpx  # chromadb's own HTTP library

    try:
        response = httpx.get(f"{url.rstrip('/')}/api/v2/heartbeat", timeout=timeout_s)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        msg = f"the Chroma server at {url} did not answer within {timeout_s:g} s ({exc!r})"
        raise RetrievalError(msg) from exc


def _bound_http_calls(client: ClientAPI, timeout_s: float) -> None:
    """Give the client's httpx session a timeout (chromadb 1.x creates it with none)."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if not isinstance(session, httpx.Client):
        msg = "this chromadb version hides its HTTP session: cannot bound Chroma calls"
        raise RetrievalError(msg)
    session.timeout = httpx.Timeout(timeout_s)


def create_chroma_client(
    *, persist_dir: Path | None, url: str | None, timeout_s: float = DEFAULT_TIMEOUT_S
) -> ClientAPI:
    """Create an embedded (on-disk) Chroma client, or an HTTP client when a URL is given.

    Args:
        persist_dir: Directory of the embedded store; used when `url` is None.
        url: A Chroma server, e.g. ``http://127.0.0.1:8000`` (https sets ssl).
        timeout_s: Seconds each HTTP call may take before it fails (server clients only);
            the client is only created once the server answers a heartbeat within it.

    Returns:
        A Chroma client with telemetry off.

    Raises:
        ConfigError: If neither is given or the URL is malformed.
        RetrievalError: If the server cannot be reached or the directory cannot be used.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        host, port, ssl = _parse_url(url)
        _heartbeat(url, timeout_s)
        try:
            client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
        except Exception as exc:  # chromadb raises httpx/ValueError variants on connect
            msg = f"cannot connect to the Chroma server at {url}: {exc}"
            raise RetrievalError(msg) from exc
        _bound_http_calls(client, timeout_s)
        return client
    if persist_dir is None:
        msg = "set either a Chroma data directory or CHROMA_URL"
        raise ConfigError(msg)
    try:
        persist_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(persist_dir), settings=settings)
    except Exception as exc:  # OSError, sqlite errors, Chroma's own
        msg = f"cannot open the Chroma store in {persist_dir}: {exc}"
        raise RetrievalError(msg) from exc
