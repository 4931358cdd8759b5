"""Who may write: Streamlit's sign-in (`st.login`, `st.user`: OpenID Connect through Authlib, set up in
`.streamlit/secrets.toml` `[auth]`), the switch `CONFLICT_REQUIRE_LOGIN` and the list `CONFLICT_EDITORS`.

Every write (saving articles, saving a correction, restoring a dismissed incident) calls
`check_write()` at the moment it writes, so a page that forgets to hide a form still cannot write.
Pages call `editing()`, which returns the access when the session may write and otherwise draws,
in place of the form, why not and a sign-in button. With neither setting nothing changes: one local
user, who types a name on a correction. st.user, st.secrets and the environment are read on every
call (AppTest's `at.user` drives it as a signed-in browser does); nothing here touches the store.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from loaders.store.corrections import Author
from views.page_parts import plain

REQUIRE_LOGIN, EDITORS = "CONFLICT_REQUIRE_LOGIN", "CONFLICT_EDITORS"
_OFF = {"", "0", "false", "no", "off"}
# What Streamlit 1.67 checks before st.login() (auth_util.validate_auth_credentials); its own error
# would reach the browser redacted (client.showErrorDetails = "none"), so it is checked here first.
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
ANONYMOUS = "Sign in to make changes; reading needs no sign-in."


class WriteRefused(PermissionError):
    """This session may not write; the message says why, in words for the user."""


@dataclass(frozen=True)
class Access:
    required: bool  # this server asks for a signed-in editor before any write
    author: Author | None  # the signed-in account; None when nobody is, or sign-in is off
    refusal: str | None  # why this session may not write; None when it may

    @property
    def may_write(self) -> bool:
        return self.refusal is None


def editors() -> frozenset[str] | None:
    """The e-mail addresses (lower case) allowed to write, or None when CONFLICT_EDITORS is unset.
    Set but empty means no one: a list that lost its names must not open the store to everyone."""
    raw = os.environ.get(EDITORS)
    return None if raw is None else frozenset(e.lower() for e in re.split(r"[\s,;]+", raw) if e)


def login_required() -> bool:
    """CONFLICT_REQUIRE_LOGIN=1, or an editors list (a list of who may write only means something
    with sign-in). Any value but 0/false/no/off counts as on: a misspelt setting must not open the store."""
    return os.environ.get(REQUIRE_LOGIN, "").strip().lower() not in _OFF or editors() is not None


def signed_in() -> tuple[Author | None, Mapping[str, object]]:
    """The signed-in account and the provider's claims. Only `is_logged_in` True counts: AppTest's
    default user is {"email": "test@example.com"} without it, and must stay anonymous."""
    user = st.user.to_dict()
    if user.get("is_logged_in") is not True:
        return None, user
    email = str(user.get("email") or "").strip()
    account = " ".join(str(user.get(claim) or "") for claim in ("iss", "sub")).strip()
    return Author(name=str(user.get("name") or "").strip() or email, email=email, account=account), user


def access() -> Access:
    """What this session may do now."""
    if not login_required():
        return Access(required=False, author=None, refusal=None)
    author, claims = signed_in()
    allowed = editors()
    if author is None:
        refusal = ANONYMOUS
    elif not author.email:
        refusal = "The sign-in provider gave no e-mail address for this account, so its changes could not be attributed."
    elif claims.get("email_verified") is False:
        refusal = f"The sign-in provider has not verified {author.email}, so it cannot be matched with the editors list."
    elif allowed is not None and not allowed:
        refusal = f"No one is on this server's editors list ({EDITORS} is empty), so no one can make changes."
    elif allowed is not None and author.email.lower() not in allowed:
        refusal = f"{author.email} is signed in but is not on this server's editors list, so cannot make changes."
    else:
        refusal = None
    return Access(required=True, author=author, refusal=refusal)


def check_write() -> Author | None:
    """Call at the moment of writing. Returns the signed-in author (None with sign-in off: the user
    types a name); raises WriteRefused when this session may not write."""
    now = access()
    if now.refusal is not None:
        raise WriteRefused(now.refusal)
    return now.author


def sign_in_setup() -> tuple[list[str], str | None]:
    """The providers one can sign in with ("" is [auth]'s own, the others are [auth.NAME]), or what
    is missing for st.login() to work, in plain words."""
    try:
        auth = st.secrets.get("auth")
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets file, or one that does not parse
        return [], "there is no readable .streamlit/secrets.toml with an [auth] section"
    if not isinstance(auth, Mapping) or not auth:
        return [], ".streamlit/secrets.toml has no [auth] section"
    missing = [key for key in AUTH_KEYS if not auth.get(key)]
    # [auth.NAME] tables are providers (Streamlit refuses a NAME with "_", which keeps out client_kwargs).
    named = sorted(name for name, value in auth.items() if isinstance(value, Mapping) and "_" not in name)
    providers = ([""] if any(key in auth for key in PROVIDER_KEYS) else []) + named
    for name in providers:
        keys = auth[name] if name else auth
        missing += [f"{f'auth.{name}.' if name else ''}{key}" for key in PROVIDER_KEYS if not keys.get(key)]
    if not providers:
        missing += list(PROVIDER_KEYS)
    if missing:
        return [], "[auth] in .streamlit/secrets.toml lacks " + ", ".join(missing)
    if not str(auth["redirect_uri"]).endswith("/oauth2callback"):
        return [], "[auth] redirect_uri must end in /oauth2callback"
    if importlib.util.find_spec("authlib") is None:
        return [], "the Authlib package is not installed (pip install -r requirements.txt)"
    return providers, None


def sign_in_buttons(key: str) -> None:
    providers, problem = sign_in_setup()
    if problem:
        st.caption(plain(f"Sign-in is not set up on this server: {problem}."))
    for name in providers:
        label = f"Sign in with {name}" if name else "Sign in"
        if st.button(label, key=f"{key}-sign-in-{name}", type="primary", icon=":material/login:"):
            st.login(name or None)


def write_notice(what: str, now: Access, key: str) -> None:
    """In place of a part of a page that writes: why this session may not, and a way to sign in."""
    with st.container(border=True):
        st.info(plain(f"{what} is for signed-in editors. {now.refusal}"), icon=":material/lock:")
        if now.author is None:
            sign_in_buttons(key)


def editing(what: str, key: str) -> Access | None:
    """The access when this session may write; otherwise None, with a notice drawn in place of the
    part of the page that writes (`what`, e.g. "Adding articles"). The rest of the page is untouched."""
    now = access()
    if now.may_write:
        return now
    write_notice(what, now, key)
    return None


def account_control() -> None:
    """Sign in and out in the sidebar, on a server that asks editors to sign in."""
    if not login_required():
        return
    now = access()
    with st.sidebar.container(border=True):
        if now.author is None:
            st.caption("Reading needs no sign-in; making changes does.")
            sign_in_buttons("sidebar")
            return
        st.caption(plain(f"Signed in as {now.author.name} ({now.author.email})"))
        if not now.may_write:
            st.caption(plain(now.refusal))
        if st.button("Sign out", key="sidebar-sign-out", icon=":material/logout:"):
            st.logout()
