"""Shared fixtures. Browser fixtures drive Debian's /usr/bin/chromium through Playwright."""

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path

import pytest

from browser_support import CHROMIUM_ARGS, chromium_or_skip, streamlit_app

# A missing translation raises (KeyError) under the tests, in AppTest runs and in the browser
# tests' servers (they inherit the environment); the app itself shows the key instead.
os.environ.setdefault("CCCD_I18N_STRICT", "1")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Playwright gives it a fresh temporary profile)."""
    executable = chromium_or_skip()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A new page, 1600×1000, in its own browser context (no cookies or storage shared)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def start_app() -> Iterator[Callable[..., str]]:
    """start_app(script, env=None) -> base URL of a Streamlit server stopped after the test."""
    with ExitStack() as stack:

        def start(script: str | Path, env: Mapping[str, str] | None = None) -> str:
            return stack.enter_context(streamlit_app(script, env))

        yield start


@pytest.fixture
def app_store(tmp_path, monkeypatch) -> Iterator[str]:
    """A fresh SQLite store as DATABASE_URL, with Streamlit's caches emptied around the test."""
    import streamlit as st

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield url
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    """The app on its own seeded store, shared by a test module's browser tests."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.sqlite'}"
    with streamlit_app("app.py", env={"DATABASE_URL": url}) as app:
        yield app
