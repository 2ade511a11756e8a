"""Browser-test helpers: run a Streamlit script on a free port, find the st_folium map frame.

The pytest fixtures built on these live in tests/conftest.py.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
SHAPES = "path.leaflet-interactive"
MAP_IFRAME = 'iframe[title*="streamlit_folium"], iframe[src*="streamlit_folium"]'


def chromium_or_skip() -> Path:
    """Path to Debian's Chromium; skip the test without it, or fail when CI=true."""
    if CHROMIUM.is_file():
        return CHROMIUM
    message = f"{CHROMIUM} not found: apt-get update && apt-get install -y chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI. {message}", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise TimeoutError(f"{url} not healthy after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@dataclass(frozen=True)
class RunningApp:
    """A `streamlit run` process and its base URL."""

    url: str
    process: subprocess.Popen


@contextmanager
def streamlit_process(
    script: str | Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    base_url_path: str = "",
) -> Iterator[RunningApp]:
    """Run `streamlit run script` from the repository root; yield it running, then stop it.

    `script` is relative to the repository root (or absolute); `env` adds to os.environ,
    e.g. {"DATABASE_URL": "sqlite:///..."}. The server binds 127.0.0.1 only (which also
    spares Streamlit its external-IP lookup) and runs in its own process group.
    `base_url_path`: serve the app under that path (server.baseUrlPath); the URL yielded ends
    with it.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}" + (f"/{base_url_path}" if base_url_path else "")
    command = [
        *(sys.executable, "-m", "streamlit", "run", str(script)),
        *("--server.headless", "true", "--server.port", str(port)),
        *("--server.address", "127.0.0.1", "--server.fileWatcherType", "none"),
        *("--browser.gatherUsageStats", "false", "--server.baseUrlPath", base_url_path),
    ]
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    with tempfile.NamedTemporaryFile("w", prefix="streamlit-", suffix=".log") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for_health(url, process, Path(log.name), timeout)
            yield RunningApp(url, process)
        finally:
            _stop(process)


@contextmanager
def streamlit_app(
    script: str | Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    base_url_path: str = "",
) -> Iterator[str]:
    """streamlit_process, yielding only the base URL."""
    with streamlit_process(script, env, timeout, base_url_path) as app:
        yield app.url


def is_remote(url: str) -> bool:
    """Whether a request leaves this machine (data:, blob: and about: URLs never do)."""
    local = url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname in LOCAL_HOSTS
    return not local


def block_remote_requests(target) -> list[str]:
    """Abort every request not to 127.0.0.1/localhost on a Page or BrowserContext.

    Returns the list the aborted URLs are appended to, so a test can assert on it.
    """
    blocked: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        if not is_remote(url):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    target.route("**/*", handle)
    return blocked


def record_console_errors(page) -> list[str]:
    """Collect console errors and uncaught exceptions of the page and its frames."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


def download(page, button, timeout: float = 60_000):
    """Click a download button; the Download. Clicked again when no download starts: a rerun
    under way when it was clicked (the overview reruns once the browser has reported its
    window) can swallow the click, as it would a person's, who would click again."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout)
        left_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        try:
            with page.expect_download(timeout=min(20_000, left_ms)) as started:
                button.click()
            return started.value
        except PlaywrightTimeoutError:
            if time.monotonic() >= deadline:
                raise


class _FrameGone(RuntimeError):
    """The iframe found was removed before its content frame could be taken."""


def map_frame(page, timeout: float = 30_000):
    """The Frame inside the first st_folium iframe (waits for it to be attached)."""
    frame = page.wait_for_selector(MAP_IFRAME, state="attached", timeout=timeout).content_frame()
    if frame is None:
        raise _FrameGone("the st_folium iframe has no content frame")
    return frame


def drawn_map(page, n: int, timeout: float = 30_000):
    """The map's Frame once it has at least n Leaflet vector shapes.

    Streamlit may replace the st_folium iframe while a fresh server's first run settles (a
    rerun remounts the component); a wait on the old frame would never end, so the wait is
    short and the iframe is looked up again until `timeout`.
    """
    deadline = time.monotonic() + timeout / 1000
    while True:
        left_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        try:
            frame = map_frame(page, timeout=left_ms)
            frame.wait_for_function(
                "([sel, n]) => document.querySelectorAll(sel).length >= n",
                arg=[SHAPES, n],
                timeout=min(5_000, left_ms),
            )
            return frame
        except PlaywrightTimeoutError:
            if time.monotonic() >= deadline:
                raise
        except (PlaywrightError, _FrameGone) as error:
            # Replaced while waited on or between finding it and entering it (presenter mode
            # redraws its map at the window's size once the page has reported it): look the
            # iframe up again.
            gone = isinstance(error, _FrameGone) or "detached" in str(error)
            if not gone or time.monotonic() >= deadline:
                raise


def wait_for_shapes(frame, n: int, timeout: float = 30_000) -> int:
    """Wait until the page's map has at least n Leaflet vector shapes; return how many it has
    (following the map if its iframe is replaced meanwhile, see drawn_map)."""
    return drawn_map(frame.page, n, timeout).locator(SHAPES).count()


def mark_commune(frame, code: str) -> str:
    """Tag the SVG path of one commune on the map so a locator can find it; its selector."""
    frame.evaluate(
        """code => Object.values(window.map._layers).forEach(layer => {
            if (layer.feature && layer.feature.properties.commune_code === code)
                layer.getElement().setAttribute('data-code', code);
        })""",
        code,
    )
    return f'path[data-code="{code}"]'
