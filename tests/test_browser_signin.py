"""Sign-in end to end: Chromium against `streamlit run` with sign-in required, and a local OpenID
Connect provider (oidc-provider-mock) that this test starts, everything on 127.0.0.1. Anonymous
visitors read every page and cannot write; alice (an editor) signs in through the provider, saves a
correction, and the corrections table shows her name and e-mail from the provider; mallory, signed in
but not on the editors list, cannot write. The browser may reach 127.0.0.1 only (the provider's
pages link a stylesheet on a CDN).
"""

from __future__ import annotations

import json
import shutil
import threading
import urllib.request
from collections.abc import Iterator

import pytest

from loaders.store import Store
from tests.browser_support import CHROMIUM, SCREENSHOTS, ServerDidNotStart, loopback_only, settled, shot, streamlit_server
from tests.test_app_access import digest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium (make chromium)"),
]
USERS = {
    "alice": {"email": "alice@example.org", "name": "Alice Analyst"},
    "mallory": {"email": "mallory@example.org", "name": "Mallory Visitor"},
}


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    """oidc-provider-mock on a free 127.0.0.1 port, in a thread; yields its issuer URL.
    Its own run_server_in_thread binds "localhost", which may be ::1: the server is made here."""
    import logging

    import werkzeug.serving
    from oidc_provider_mock import app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a log line per request otherwise
    server = werkzeug.serving.make_server("127.0.0.1", 0, app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        for sub, claims in USERS.items():
            # The provider's form asks only for a subject; PUT /users/<sub> chooses the claims it signs.
            request = urllib.request.Request(
                f"{url}/users/{sub}", data=json.dumps(claims).encode(), method="PUT", headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 204
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def app(issuer, seed_store, tmp_path_factory) -> Iterator[tuple[str, Store]]:
    """The dashboard over a copy of the seeds, sign-in required, alice the one editor, reading its
    own secrets file (never the repository's or the home folder's)."""
    data = tmp_path_factory.mktemp("signin") / "store"
    shutil.copytree(seed_store.root, data)
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'  # Streamlit puts in server.port
        'cookie_secret = "a-cookie-secret-for-this-test-only-0123456789"\n'
        'client_id = "conflict-dashboard-test"\n'
        'client_secret = "the-mock-accepts-any-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
    )
    secrets.chmod(0o600)
    env = {"CONFLICT_REQUIRE_LOGIN": "1", "CONFLICT_EDITORS": "alice@example.org"}
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    try:
        with streamlit_server(data, log, extra_env=env, secrets=secrets) as base:
            yield base, Store(data)
    except ServerDidNotStart as error:
        pytest.fail(str(error))


@pytest.fixture
def page(page):
    """The shared page (conftest.py), allowed to reach 127.0.0.1 only."""
    page.blocked = []
    loopback_only(page.context, page.blocked)
    yield page


def sign_in(page, issuer: str, base: str, sub: str) -> None:
    page.get_by_role("button", name="Sign in").first.click()
    page.wait_for_url(f"{issuer}/oauth2/authorize*")
    page.fill('input[name="sub"]', sub)
    page.press('input[name="sub"]', "Enter")
    page.wait_for_url(f"{base}/**")  # Streamlit returns to the home page after a sign-in
    settled(page)


def main_text(page) -> str:
    return " ".join(page.locator('[data-testid="stMain"]').inner_text().split())


def sidebar_text(page) -> str:
    return " ".join(page.locator('[data-testid="stSidebar"]').inner_text().split())


def test_anonymous_reads_and_cannot_write(app, page) -> None:
    base, store = app
    before = digest(store.root)
    page.goto(f"{base}/add")
    settled(page)
    assert "Adding articles is for signed-in editors. Sign in to make changes; reading needs no sign-in." in main_text(page)
    assert page.locator('[data-testid="stFileUploader"]').count() == 0 and page.get_by_label("Article text").count() == 0
    assert "Reading needs no sign-in; making changes does." in sidebar_text(page)
    shot(page, "signin-notice-add")
    page.goto(f"{base}/incidents")
    settled(page)
    text = main_text(page)
    assert "Correcting an incident is for signed-in editors." in text and "Download these incidents" in text
    page.get_by_role("button", name="⬇ CSV").wait_for()  # the downloads stay
    assert page.get_by_role("button", name="Save correction").count() == 0
    shot(page, "signin-notice-incidents")
    assert digest(store.root) == before
    # Only the favicon left 127.0.0.1: Streamlit fetches page_icon ":material/public:" (dashboard.py) as an SVG from
    # Google's font server; blocked here, and the page does without it.
    assert [url for url in page.blocked if "/materialsymbolsrounded/public/" not in url] == [], page.blocked


def test_an_editor_signs_in_and_the_correction_carries_her_identity(app, issuer, page) -> None:
    base, store = app
    page.goto(f"{base}/incidents")
    settled(page)
    sign_in(page, issuer, base, "alice")
    assert "Signed in as Alice Analyst (alice@example.org)" in sidebar_text(page).replace("\u2060", "")
    page.get_by_role("link", name="Incidents", exact=True).click()
    page.wait_for_url("**/incidents")
    settled(page)
    assert page.get_by_label("Your name").count() == 0  # the provider says who
    page.get_by_label("Incident", exact=True).click()
    page.get_by_role("option", name="Baghdad").click()
    page.get_by_label("Wounded best").fill("120")
    page.get_by_label("Why (note)").fill("ministry of health figure")
    page.get_by_role("button", name="Save correction").click()
    page.get_by_text("Saved 3 correction(s)").wait_for()
    settled(page)
    page.get_by_text("All corrections (3)").click()
    page.wait_for_function(
        """() => {
            const cells = [...document.querySelectorAll('[data-testid^="glide-cell-"]')].map(c => c.textContent);
            return cells.includes('Alice Analyst') && cells.includes('alice@example.org');
        }"""
    )
    page.locator('[data-testid="stExpander"]', has_text="All corrections").locator(
        '[data-testid="stDataFrame"]'
    ).scroll_into_view_if_needed()
    shot(page, "signin-corrections-table")
    sidebar = page.locator('[data-testid="stSidebarUserContent"]')
    sidebar.get_by_role("button", name="Sign out").scroll_into_view_if_needed()
    sidebar.screenshot(path=str(SCREENSHOTS / "signin-sidebar.png"))
    corrections = store.frames().corrections
    assert set(zip(corrections["author"], corrections["author_email"], corrections["author_account"], strict=True)) == {
        ("Alice Analyst", "alice@example.org", f"{issuer} alice")
    }
    # Still signed in after a reload (the sign-in cookie), and signing out makes the session read-only.
    page.reload()
    settled(page)
    assert "Signed in as Alice Analyst" in sidebar_text(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{issuer}/oauth2/end_session*")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{base}/**")
    settled(page)
    assert "Reading needs no sign-in; making changes does." in sidebar_text(page)
    assert [url for url in page.blocked if "pico" in url]  # the provider's stylesheet on a CDN, never fetched


def test_a_signed_in_user_off_the_editors_list_cannot_write(app, issuer, page) -> None:
    base, store = app
    before = digest(store.root)
    page.goto(base)
    settled(page)
    sign_in(page, issuer, base, "mallory")
    assert "Signed in as Mallory Visitor (mallory@example.org)" in sidebar_text(page).replace("\u2060", "")
    for path, part in (("incidents", "Correcting an incident"), ("add", "Adding articles")):
        page.goto(f"{base}/{path}")
        settled(page)
        text = main_text(page).replace("\u2060", "")
        assert (
            f"{part} is for signed-in editors. mallory@example.org is signed in but is not on this server's editors list" in text
        )
        assert page.get_by_role("button", name="Save correction").count() == 0
        assert page.get_by_role("button", name="Sign in").count() == 0
    shot(page, "signin-not-an-editor")
    assert digest(store.root) == before


def test_sign_in_not_set_up_is_said_plainly(seed_store, page, tmp_path) -> None:
    """No secrets file at all: Streamlit's own error would show redacted (showErrorDetails = "none"),
    so the page says what is missing, and no error box appears."""
    env = {"CONFLICT_REQUIRE_LOGIN": "1"}
    with streamlit_server(seed_store.root, tmp_path / "streamlit.log", extra_env=env, secrets=tmp_path / "none.toml") as base:
        page.goto(f"{base}/add")
        settled(page)
        text = main_text(page).replace("\u2060", "")
        assert "Adding articles is for signed-in editors. Sign in to make changes; reading needs no sign-in." in text
        assert (
            "Sign-in is not set up on this server: there is no readable .streamlit/secrets.toml with an [auth] section." in text
        )
        assert page.get_by_role("button", name="Sign in").count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
