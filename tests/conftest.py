"""Shared fixtures: the offline guard, the gazetteer, and the seed article ingested once."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from loaders.geo.gazetteer import Gazetteer, default_gazetteer
from loaders.ingest import ingest_paths
from loaders.store import Frames, Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
RESOURCES = Path(__file__).resolve().parent / "resources"
# The dashboard's pages, as dashboard.py lists them in its navigation.
PAGES = [
    "app_pages/overview.py",
    "app_pages/map.py",
    "app_pages/timeline.py",
    "app_pages/quotes.py",
    "app_pages/incidents.py",
    "app_pages/add.py",
]

_connect = socket.socket.connect


def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")):
        return _connect(self, address)
    raise OSError(f"tests are offline: connection to {address!r} blocked")


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Unit tests must never reach the network: everything runs on shipped data."""
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, started once for every browser test (tests/browser_support.py)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test (slide-sized window, downloads kept)."""
    from tests.browser_support import TIMEOUT_MS

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("seed-store"))
    ingest_paths([SEEDS], store)
    return store


@pytest.fixture(scope="session")
def seed_frames(seed_store) -> Frames:
    return seed_store.frames()


@pytest.fixture(autouse=True)
def sign_in_off(monkeypatch):
    """Sign-in is off unless a test turns it on: a developer's shell settings must not change results."""
    monkeypatch.delenv("CONFLICT_REQUIRE_LOGIN", raising=False)
    monkeypatch.delenv("CONFLICT_EDITORS", raising=False)
