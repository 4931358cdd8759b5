"""Who may write (views/access.py), in AppTest: with sign-in required, no page path writes for an
anonymous visitor or a signed-in user off the editors list, the write functions refuse even when a
page forgets to hide its form, and an editor's corrections carry the provider's name and e-mail.

The identity arrives as `at.user`, as Streamlit fills it from the sign-in cookie; AppTest's default
user ({"email": "test@example.com"}, no is_logged_in) must count as anonymous. `at.secrets` is always
given, so a developer's own .streamlit/secrets.toml never reaches these tests.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from loaders.draft import draft_pages, pasted_page
from loaders.store import Store
from loaders.store.corrections import DISMISSED, correction_rows
from tests.conftest import PAGES, RESOURCES, ROOT
from views import access as access_module
from views.draft_review import DRAFT_KEY

ISSUER = "http://127.0.0.1:9400"
ALICE = {"is_logged_in": True, "email": "alice@example.org", "name": "Alice Analyst", "sub": "alice", "iss": ISSUER}
MALLORY = {"is_logged_in": True, "email": "mallory@example.org", "name": "Mallory Visitor", "sub": "mallory", "iss": ISSUER}
NOBODY = [
    pytest.param({"is_logged_in": False}, id="anonymous"),
    pytest.param(None, id="apptest-default-user"),  # {"email": "test@example.com"}, no is_logged_in
    pytest.param({}, id="empty"),
    pytest.param({"is_logged_in": "true", "email": "alice@example.org"}, id="is_logged_in-not-True"),
    pytest.param({"is_logged_in": True, "name": "No Mail"}, id="no-e-mail"),
    pytest.param({**ALICE, "email_verified": False}, id="unverified-e-mail"),
    pytest.param(MALLORY, id="not-an-editor"),
]
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-some-length",
    "client_id": "conflict-dashboard",
    "client_secret": "a-test-secret",
    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
}
PASTED = (RESOURCES / "aa_pakistan_tirah_army_militant_clash.txt").read_text()


def digest(folder: Path) -> str:
    """Every file's path and bytes: a write of any kind changes it."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.fixture
def store(monkeypatch, tmp_path, seed_store) -> Store:
    """The seeds, with Mosul dismissed (so there is something to restore), sign-in required and
    alice the one editor."""
    shutil.copytree(seed_store.root, tmp_path / "store")
    store = Store(tmp_path / "store")
    incidents = store.frames().incidents
    mosul = incidents[incidents["location"] == "Mosul"].iloc[0].to_dict()
    # Dated in the past: corrections made within one second are ordered by their random ids.
    store.add_corrections(correction_rows(mosul, {DISMISSED: "true"}, "analysis piece", "Ana", datetime(2026, 1, 1)))
    monkeypatch.setenv("CONFLICT_DATA_DIR", str(store.root))
    monkeypatch.setenv("CONFLICT_REQUIRE_LOGIN", "1")
    monkeypatch.setenv("CONFLICT_EDITORS", "alice@example.org, bob@example.org")
    return store


def run_as(user: dict | None, page: str | None = None, secrets: dict | None = AUTH, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    if user is not None:
        at.user = user
    if secrets is not None:
        at.secrets["auth"] = secrets
    else:
        at.secrets["conflict"] = {"note": "no [auth] on this server"}
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """What the page says, as read: views.page_parts.plain's escapes and word joiners taken out."""
    said = " ".join(e.value for kind in (at.info, at.caption, at.error, at.markdown) for e in kind)
    return re.sub(r"\\(.)", r"\1", said).replace("\u2060", "")


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def choices(store: Store) -> dict[str, str]:
    frames = store.frames()
    return {"fix_incident": frames.incidents["incident_id"].iloc[0], "fix_restore": frames.dismissed["incident_id"].iloc[0]}


def a_draft(store: Store):
    return draft_pages([pasted_page(PASTED, "AA")], store.article_ids())


def probe(at: AppTest, choices: dict[str, str]) -> list[str]:
    """Press every button (sign-in aside); then fill every text box, choose the incident to correct
    and the one to restore (`choices`, by key) and press them all again. Returns the labels pressed."""
    pressed: list[str] = []

    def press_all() -> None:
        for i in range(len(at.button)):
            if i < len(at.button) and not at.button[i].disabled and not at.button[i].label.startswith("Sign "):
                pressed.append(at.button[i].label)
                at.button[i].click().run()

    press_all()
    for box in [*at.text_input, *at.text_area]:
        if not box.disabled:
            box.input("probe")
    for choice in at.selectbox:
        if choice.key in choices and not choice.disabled:
            choice.set_value(choices[choice.key])  # select_index would send the label, not the id
    at.run()
    press_all()
    assert not at.exception, [e.value for e in at.exception]
    return pressed


@pytest.mark.parametrize("user", NOBODY)
@pytest.mark.parametrize("page", PAGES)
def test_no_page_path_writes_without_an_editor(store, user, page) -> None:
    """Every text box filled, every choice made, every button pressed, with a reviewed draft already
    in the session: the store's files are byte for byte as they were."""
    before = digest(store.root)
    at = run_as(user, page, **{DRAFT_KEY: a_draft(store)})
    probe(at, choices(store))
    assert "Save correction" not in buttons(at) and "Restore this incident" not in buttons(at)
    assert not [b for b in buttons(at) if b.startswith("Save ")]
    assert digest(store.root) == before


@pytest.mark.parametrize(
    ("page", "write"),
    [("app_pages/add.py", "Save 1 article(s) to the store"), ("app_pages/incidents.py", "Restore this incident")],
)
def test_the_same_probe_writes_for_an_editor(store, page, write) -> None:
    """The probe above reaches the writes: for an editor it saves the draft and restores Mosul."""
    before = digest(store.root)
    assert write in probe(run_as(ALICE, page, **{DRAFT_KEY: a_draft(store)}), choices(store))
    assert digest(store.root) != before


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_reads_every_page_and_is_offered_sign_in(store, page) -> None:
    at = run_as({"is_logged_in": False}, page)
    assert not at.error
    assert "Reading needs no sign-in; making changes does." in texts(at)
    assert "Sign in" in buttons(at)  # the sidebar's, and the notice's on a page that writes
    assert [m.label for m in at.metric][:1] == ["Incidents in view"]
    if page == "app_pages/add.py":
        assert "Adding articles is for signed-in editors. Sign in to make changes" in texts(at)
        assert not at.text_area and not at.get("file_uploader")
    if page == "app_pages/incidents.py":
        assert "Correcting an incident is for signed-in editors" in texts(at)
        assert "Restoring an incident is for signed-in editors" in texts(at)
        assert at.dataframe and at.get("download_button")  # the table and the downloads stay
        assert not [s for s in at.selectbox if s.key in ("fix_incident", "fix_restore")]


def test_a_signed_in_user_off_the_editors_list_is_told_why(store) -> None:
    at = run_as(MALLORY, "app_pages/incidents.py")
    assert "Signed in as Mallory Visitor (mallory@example.org)" in texts(at)
    assert "mallory@example.org is signed in but is not on this server's editors list" in texts(at)
    assert "Sign out" in buttons(at) and "Sign in" not in buttons(at)
    assert "Save correction" not in buttons(at)


def test_an_editor_corrects_and_restores_as_the_signed_in_account(store) -> None:
    at = run_as(ALICE, "app_pages/incidents.py")
    assert "Your name" not in [t.label for t in at.text_input]  # the provider says who
    assert "Saved as Alice Analyst (alice@example.org), from your sign-in." in texts(at)
    baghdad = store.frames().incidents.set_index("location").loc["Baghdad", "incident_id"]
    at.selectbox(key="fix_incident").set_value(baghdad).run()
    next(n for n in at.number_input if n.label == "Wounded best").set_value(120)
    next(t for t in at.text_area if t.label == "Why (note)").set_value("ministry figure")
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert not at.exception and not at.error
    assert "Saved 3 correction(s)" in at.success[0].value
    mosul = store.frames().dismissed["incident_id"].iloc[0]
    at.selectbox(key="fix_restore").set_value(mosul).run()
    next(b for b in at.button if b.label == "Restore this incident").click().run()
    assert not at.exception and not at.error
    corrections = store.frames().corrections
    alice = corrections[corrections["author"] == "Alice Analyst"]
    assert len(alice) == 4 and set(alice["author_email"]) == {"alice@example.org"}
    assert set(alice["author_account"]) == {f"{ISSUER} alice"}
    assert set(alice["note"]) == {"ministry figure", "restored"}
    assert set(store.frames().incidents["location"]) == {"Baghdad", "Mosul"}
    shown = at.dataframe[-1].value  # "All corrections": who, with the e-mail from the sign-in
    assert {"Alice Analyst", "Ana"} <= set(shown["author"]) and "alice@example.org" in set(shown["author_email"])
    assert "⬇ Corrections CSV" in [b.label for b in at.get("download_button")]  # the audit trail to take away


def test_an_editor_adds_articles(store) -> None:
    at = run_as(ALICE, "app_pages/add.py")
    at.text_area(key="add_text").set_value(PASTED)
    at.button(key="add_read_text").click().run()
    before = store.version()
    at.button(key="add_save").click().run()
    assert not at.exception and "Saved 1 article(s)" in at.success[0].value
    assert store.version() != before


def forgetful_page(data_dir: str, mode: str) -> None:
    """A page that calls every write without asking first (run by AppTest as a script)."""
    from pathlib import Path

    import streamlit as st

    from loaders.draft import draft_pages, pasted_page
    from loaders.store import Store
    from views.access import WriteRefused
    from views.correction_form import restore, save_corrections
    from views.draft_review import save_draft

    store = Store(Path(data_dir))
    frames = store.frames()
    baghdad = frames.incidents[frames.incidents["location"] == "Baghdad"].iloc[0].to_dict()
    mosul = frames.dismissed.iloc[0].to_dict()
    text = "KABUL (AFP) Mar 3, 2021\n\nA roadside bomb killed three soldiers in Kabul on Monday, police said.\n"
    writes = {
        "draft": lambda: save_draft(draft_pages([pasted_page(text, "AFP")], store.article_ids()), store),
        "correction": lambda: save_corrections(baghdad, {"killed_best": "99"}, "forged", "Mallory", store),
        "restore": lambda: restore(mosul, "Mallory", store),
    }
    for name, write in writes.items():
        try:
            st.text(f"{name}: wrote {write()}")
        except WriteRefused as refusal:
            st.text(f"{name}: refused: {refusal}")


@pytest.mark.parametrize("user", [{"is_logged_in": False}, None, MALLORY], ids=["anonymous", "default-user", "not-an-editor"])
def test_the_write_functions_refuse_when_a_page_forgets_to_ask(store, user) -> None:
    before = digest(store.root)
    at = AppTest.from_function(forgetful_page, args=(str(store.root), "refused"), default_timeout=60)
    if user is not None:
        at.user = user
    at.secrets["auth"] = AUTH
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    said = [t.value for t in at.text]
    assert [s.split(":")[0] for s in said] == ["draft", "correction", "restore"]
    assert all(": refused: " in s for s in said), said
    assert digest(store.root) == before


def test_the_write_functions_write_for_an_editor(store) -> None:
    at = AppTest.from_function(forgetful_page, args=(str(store.root), "editor"), default_timeout=60)
    at.user = ALICE
    at.secrets["auth"] = AUTH
    at.run()
    assert [t.value for t in at.text] == ["draft: wrote 1", "correction: wrote 1", "restore: wrote 1"]
    assert set(store.frames().corrections["author_email"].dropna()) == {"alice@example.org"}


def test_with_sign_in_off_the_local_user_types_a_name_as_before(store, monkeypatch) -> None:
    monkeypatch.delenv("CONFLICT_REQUIRE_LOGIN")
    monkeypatch.delenv("CONFLICT_EDITORS")
    at = run_as(None, "app_pages/incidents.py", secrets=None)
    assert "Your name" in [t.label for t in at.text_input]
    assert not [b for b in buttons(at) if b.startswith("Sign ")]
    assert "sign-in" not in texts(at).lower()
    at.switch_page("app_pages/add.py").run()
    assert at.text_area(key="add_text") is not None


@pytest.mark.parametrize(
    ("secrets", "said", "offered"),
    [
        (None, ".streamlit/secrets.toml has no [auth] section", []),
        ({"redirect_uri": AUTH["redirect_uri"]}, "lacks cookie_secret, client_id, client_secret, server_metadata_url", []),
        ({**AUTH, "client_id": ""}, "[auth] in .streamlit/secrets.toml lacks client_id", []),
        ({**AUTH, "redirect_uri": "http://127.0.0.1:8501/"}, "redirect_uri must end in /oauth2callback", []),
        (
            {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "s" * 32, "okta": {"client_id": "a", "client_secret": "b"}},
            "lacks auth.okta.server_metadata_url",
            [],
        ),
        ({**AUTH, "client_kwargs": {"prompt": "login"}}, "", ["Sign in"]),
        (
            {
                "redirect_uri": AUTH["redirect_uri"],
                "cookie_secret": "s" * 32,
                "okta": {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")},
            },
            "",
            ["Sign in with okta"],
        ),
    ],
)
def test_what_sign_in_lacks_is_said_plainly(store, secrets, said, offered) -> None:
    """Streamlit's own error for a missing key would reach the browser redacted (showErrorDetails
    is "none"), so the notice names what is missing before anyone presses a button."""
    at = run_as({"is_logged_in": False}, "app_pages/add.py", secrets=secrets)
    shown = texts(at)
    if said:
        assert "Sign-in is not set up on this server: " in shown and said in shown
    else:
        assert "Sign-in is not set up" not in shown
    assert sorted(set(b for b in buttons(at) if b.startswith("Sign in"))) == offered


@pytest.mark.parametrize(
    ("require", "editors", "user", "refusal"),
    [
        (None, None, None, None),  # sign-in off: the local user writes
        (None, None, ALICE, None),
        ("0", None, None, None),
        ("1", None, None, "Sign in to make changes"),
        ("yes please", None, None, "Sign in to make changes"),  # a misspelt switch is on, not off
        ("1", None, ALICE, None),  # no list: any signed-in account
        ("1", "ALICE@example.org", ALICE, None),  # addresses compared without case
        ("1", "bob@example.org;alice@example.org", ALICE, None),
        ("1", "bob@example.org", ALICE, "alice@example.org is signed in but is not on this server's editors list"),
        (None, "bob@example.org", ALICE, "not on this server's editors list"),  # a list alone turns sign-in on
        (None, "alice@example.org", None, "Sign in to make changes"),
        ("1", "", ALICE, "No one is on this server's editors list (CONFLICT_EDITORS is empty)"),
        ("1", None, {**ALICE, "email": ""}, "gave no e-mail address"),
        ("1", None, {**ALICE, "email_verified": False}, "has not verified alice@example.org"),
        ("1", None, {**ALICE, "email_verified": True}, None),
        ("1", None, {"email": "test@example.com"}, "Sign in to make changes"),
    ],
)
def test_who_may_write(monkeypatch, require, editors, user, refusal) -> None:
    for name, value in (("CONFLICT_REQUIRE_LOGIN", require), ("CONFLICT_EDITORS", editors)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.setattr(access_module.st, "user", SimpleNamespace(to_dict=lambda: dict(user or {})))
    now = access_module.access()
    assert now.refusal is None if refusal is None else refusal in now.refusal
    if refusal is None:
        signed = access_module.check_write()
        assert signed is None or (signed.name, signed.email, signed.account) == (
            "Alice Analyst",
            "alice@example.org",
            f"{ISSUER} alice",
        )
    else:
        with pytest.raises(access_module.WriteRefused):
            access_module.check_write()
