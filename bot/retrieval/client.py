"""The Chroma client factory: an embedded on-disk store, or an HTTP client for a server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from bot.errors import ConfigError, RetrievalError


def _chroma_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False)


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


def create_chroma_client(*, persist_dir: Path | None, url: str | None) -> ClientAPI:
    """Create an embedded (on-disk) Chroma client, or an HTTP client when a URL is given.

    Args:
        persist_dir: Directory of the embedded store; used when `url` is None.
        url: A Chroma server, e.g. ``http://127.0.0.1:8000`` (https sets ssl).

    Returns:
        A Chroma client with telemetry off.

    Raises:
        ConfigError: If neither is given or the URL is malformed.
        RetrievalError: If the server cannot be reached or the directory cannot be used.
    """
    if url:
        host, port, ssl = _parse_url(url)
        try:
            return chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_chroma_settings())
        except Exception as exc:  # chromadb raises httpx/ValueError variants on connect
            msg = f"cannot connect to the Chroma server at {url}: {exc}"
            raise RetrievalError(msg) from exc
    if persist_dir is None:
        msg = "set either a Chroma data directory or CHROMA_URL"
        raise ConfigError(msg)
    try:
        persist_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(persist_dir), settings=_chroma_settings())
    except Exception as exc:  # OSError, sqlite errors, Chroma's own
        msg = f"cannot open the Chroma store in {persist_dir}: {exc}"
        raise RetrievalError(msg) from exc
