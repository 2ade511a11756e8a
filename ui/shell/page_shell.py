"""ASGI middleware around Streamlit's server: tell the page shell where the server is.

Opened at a page's own address (/map, /districts: the links the app puts the view in),
Streamlit's frontend cannot tell the page from a base path, so it first asks
/map/_stcore/health and /map/_stcore/host-config, gets two 404s, waits at least 100 ms and only
then asks the root ones: ~0.1–0.2 s before the first element, on every deep link. The frontend
skips that search when the page sets `window.__streamlit.BACKEND_BASE_URL` (its hook for pages
that host Streamlit), so this middleware writes it into the shell.

The base is worked out in the browser: the page's own path, less the path this server saw. So a
proxy that serves the app under a prefix (/cccd/map → /map) gets the right base with or without
`server.baseUrlPath`. Where the two paths do not line up, nothing is set and Streamlit searches
as before. Only Streamlit's shell is touched (it carries MARKER); components' pages are not.
"""

import gzip
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]

MARKER = b"window.prerenderReady = false"  # a line of Streamlit's index.html
HINT = (
    "<script>(() => {{"
    "const seen = {seen}, here = location.pathname.replace(/\\/+$/, '');"
    "if (here.endsWith(seen)) window.__streamlit = {{BACKEND_BASE_URL:"
    " location.origin + here.slice(0, here.length - seen.length) + '/'}};"
    "}})()</script>"
)


def hint(seen_path: str) -> bytes:
    """The script for a shell served at `seen_path` (below the base path), e.g. "/map" or "".

    The path is written as a JSON string with "<" escaped, so no path can close the script."""
    seen = json.dumps(seen_path.rstrip("/")).replace("<", "\\u003c")
    return HINT.format(seen=seen).encode()


def page_path(path: str, base_url_path: str) -> str:
    """The request path below Streamlit's server.baseUrlPath ("/cccd/map" → "/map")."""
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    return path[len(base) :] if base and path.startswith(base) else path


class BackendHint:
    """Adds the hint to every Streamlit page shell the wrapped app sends."""

    def __init__(self, app: ASGIApp, base_url_path: str = "") -> None:
        self.app = app
        self.base_url_path = base_url_path

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or "/_stcore/" in scope["path"]:
            await self.app(scope, receive, send)
            return
        seen = page_path(scope["path"], self.base_url_path)
        await self.app(scope, receive, _ShellSender(send, hint(seen)))


class _ShellSender:
    """Holds back an HTML response until its body is complete, then sends it with the hint."""

    def __init__(self, send: Send, script: bytes) -> None:
        self.send = send
        self.script = script
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start" and _is_html(message):
            self.start = message
            return
        if message["type"] != "http.response.body" or self.start is None:
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        await self._send_whole(b"".join(self.chunks))

    async def _send_whole(self, body: bytes) -> None:
        headers = [(k, v) for k, v in self.start["headers"] if k.lower() != b"content-length"]
        zipped = (b"content-encoding", b"gzip") in [(k.lower(), v) for k, v in headers]
        text = gzip.decompress(body) if zipped else body
        if MARKER in text:
            text = text.replace(b"<head>", b"<head>" + self.script, 1)
            body = gzip.compress(text) if zipped else text
        headers.append((b"content-length", str(len(body)).encode()))
        await self.send({**self.start, "headers": headers})
        await self.send({"type": "http.response.body", "body": body, "more_body": False})


def _is_html(start: Message) -> bool:
    headers = {k.lower(): v for k, v in start.get("headers", [])}
    return start["status"] == 200 and headers.get(b"content-type", b"").startswith(b"text/html")
