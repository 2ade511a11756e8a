"""The middleware that tells Streamlit's page shell where the server is (ui/shell/page_shell.py)."""

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

from ui.shell import page_shell

SHELL = b"<html><head><script>window.prerenderReady = false</script></head><body></body></html>"


def run(coroutine) -> None:
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the rest of the session."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def serve(body: bytes, content_type: bytes = b"text/html; charset=utf-8", encoding=None):
    """An ASGI app answering every request with `body`, in two chunks as a file would."""

    async def app(scope, receive, send):
        headers = [(b"content-type", content_type), (b"content-length", b"%d" % len(body))]
        if encoding:
            headers.append((b"content-encoding", encoding))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        half = len(body) // 2
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:], "more_body": False})

    return app


def get(app, path: str, base_url_path: str = "") -> tuple[dict, bytes]:
    """GET `path` through the middleware: (headers, body)."""
    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": path, "headers": []}
    middleware = page_shell.BackendHint(app, base_url_path=base_url_path)
    run(middleware(scope, receive, send))
    headers = dict(sent[0]["headers"])
    body = b"".join(message.get("body", b"") for message in sent[1:])
    assert int(headers[b"content-length"]) == len(body)
    return headers, body


def test_the_shell_of_a_page_gets_the_hint_first_in_its_head():
    _, body = get(serve(SHELL), "/map")
    assert body.startswith(b"<html><head>" + page_shell.hint("/map"))
    assert body.endswith(SHELL[len(b"<html><head>") :])


def test_a_gzipped_shell_is_patched_and_stays_gzipped():
    headers, body = get(serve(gzip.compress(SHELL), encoding=b"gzip"), "/districts")
    assert headers[b"content-encoding"] == b"gzip"
    assert page_shell.hint("/districts") in gzip.decompress(body)


def test_other_pages_and_files_pass_unchanged():
    component = b"<html><head></head><body>st_folium</body></html>"
    assert get(serve(component), "/component/streamlit_folium.st_folium/index.html")[1] == component
    script = b"console.log('<head>')"
    assert get(serve(script, b"text/javascript"), "/static/js/index.js")[1] == script


def test_the_servers_own_routes_are_not_touched():
    sent = []

    async def app(scope, receive, send):
        sent.append(scope["path"])

    scope = {"type": "http", "method": "GET", "path": "/_stcore/health", "headers": []}
    run(page_shell.BackendHint(app)(scope, None, None))
    assert sent == ["/_stcore/health"]


def test_the_hint_is_worked_out_from_the_path_below_the_base():
    _, body = get(serve(SHELL), "/cccd/map", base_url_path="cccd")
    assert page_shell.hint("/map") in body
    assert page_shell.page_path("/cccd/", "/cccd/") == "/"
    assert page_shell.page_path("/map", "") == "/map"


def test_no_path_can_close_the_hint_script():
    script = page_shell.hint("/</script><script>alert(1)//").decode()
    assert script.count("</script>") == 1
    assert '"/map"' in page_shell.hint("/map/").decode()  # one trailing slash or none
