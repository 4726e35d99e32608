"""Who is using the app: laptop mode (no sign-in configured: everyone is the admin ``local``) or
team mode (Streamlit's built-in OIDC sign-in, ``[auth]`` in ``.streamlit/secrets.toml``).

Not a page. :func:`current_actor` is the acting user for the store (the author of every save comes
from here, never from a form field); :func:`guard` runs in ``app.py`` before any page draws: in team
mode a signed-out visitor sees only the sign-in screen, a signed-in user without a role only a
notice, and a misconfigured provider shows visitors a plain notice while the details go to the
server log for the admin (names of the missing settings, never their values).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import urllib.request
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import streamlit as st

from strategy.team.roles import (
    ENV_ROLES,
    LOCAL,
    PERMISSIONS,
    Action,
    Actor,
    Role,
    RolesConfig,
    RolesFileError,
    load_roles,
)
from ui.common import lang, tr
from ui.texts import t

log = logging.getLogger("ict_strategy.auth")

#: what Streamlit's OIDC sign-in needs in ``[auth]`` and in the provider's section
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


def _auth_section() -> dict[str, Any] | None:
    """The ``[auth]`` section of the secrets (None: laptop mode). Never shown anywhere."""
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, KeyError, OSError, ValueError):  # no secrets file at all
        return None
    except Exception:  # noqa: BLE001  (a malformed secrets file: Streamlit's own parse error)
        return {"_unreadable": True}
    return dict(section) if section is not None else None


def team_mode() -> bool:
    """True when sign-in is configured (an ``[auth]`` section in the secrets)."""
    return _auth_section() is not None


def config_problems() -> list[str]:
    """What is wrong with the sign-in configuration, as setting names (empty: fine)."""
    section = _auth_section()
    if section is None:
        return []
    if section.get("_unreadable"):
        return [".streamlit/secrets.toml"]
    problems = [f"auth.{key}" for key in AUTH_KEYS if not section.get(key)]
    providers = {k: v for k, v in section.items() if isinstance(v, dict | st.runtime.secrets.AttrDict)}
    flat = {k: v for k, v in section.items() if k not in providers}
    if providers:
        for name, provider in providers.items():
            problems += [f"auth.{name}.{key}" for key in PROVIDER_KEYS if not dict(provider).get(key)]
    else:
        problems += [f"auth.{key}" for key in PROVIDER_KEYS if not flat.get(key)]
    if find_spec("authlib") is None:
        problems.append("Authlib>=1.3.2")
    roles = team_roles()
    if isinstance(roles, RolesFileError):
        problems.append(roles.message("en"))
    elif roles is None:
        problems.append("ICT_STRATEGY_ROLES")
    return problems


def team_roles() -> RolesConfig | RolesFileError | None:
    """The roles file named by ``ICT_STRATEGY_ROLES`` (None: not set), or why it cannot be read;
    read again whenever the file changes (an admin edits it while the app runs)."""
    path = os.environ.get(ENV_ROLES, "").strip()
    if not path:
        return None
    try:
        stat = Path(path).expanduser().stat()
        signature = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        signature = None
    return _read_roles(path, signature)


@functools.lru_cache(maxsize=8)
def _read_roles(path: str, signature: tuple[int, int] | None) -> RolesConfig | RolesFileError:
    try:
        return load_roles(path)
    except RolesFileError as exc:
        return exc


def _provider() -> str | None:
    section = _auth_section() or {}
    named = [k for k, v in section.items() if isinstance(v, dict | st.runtime.secrets.AttrDict)]
    return named[0] if len(named) == 1 else None


def current_actor() -> Actor | None:
    """The acting user: :data:`LOCAL` in laptop mode; in team mode the signed-in user's e-mail with
    the role the roles file gives it, None when signed out or without a role."""
    if not team_mode():
        return LOCAL
    user = st.user
    if not user.is_logged_in:
        return None
    email = str(user.get("email") or "").strip().lower()
    roles = team_roles()
    if not email or not isinstance(roles, RolesConfig):
        return None
    role = roles.role_for(email, user.to_dict())
    return Actor(email, role) if role is not None else None


def can(action: Action) -> bool:
    """Whether the acting user may ``action`` (buttons are disabled otherwise)."""
    actor = current_actor()
    return actor is not None and actor.can(action)


def _sign_in() -> None:
    provider = _provider()
    if provider:
        st.login(provider)
    else:
        st.login()


@st.cache_resource(show_spinner=False)
def _tell_admin(problems: tuple[str, ...]) -> None:
    """Log a configuration problem once per process (and again only when it changes)."""
    log.error(t("ui.team.log_misconfigured", "en", problems="; ".join(problems)))


@st.cache_resource(show_spinner=False, ttl=600)
def _provider_answers(url: str) -> bool:
    """Whether the provider's discovery document can be read (checked once per process and URL,
    again after ten minutes). A failure is logged for the admin by setting name and reason only;
    visitors then get Streamlit's own plain "Authentication error" when they press Sign in."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  (the admin's own setting)
            document = json.loads(response.read(1_000_000))
        if not isinstance(document, dict) or "authorization_endpoint" not in document:
            raise ValueError("not an OpenID Connect discovery document")
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc  # e.g. "[Errno 111] Connection refused" (no URL, no secret)
        log.error(t("ui.team.log_provider", "en", reason=str(reason)[:200]))
        return False
    return True


def _check_providers() -> None:
    section = _auth_section() or {}
    providers = [dict(v) for v in section.values() if isinstance(v, dict | st.runtime.secrets.AttrDict)] or [section]
    for provider in providers:
        url = provider.get("server_metadata_url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            _provider_answers(url)


def guard() -> None:
    """In team mode, stop the run unless a user with a role is signed in; show who is signed in."""
    if not team_mode():
        return
    problems = config_problems()
    if problems:
        _tell_admin(tuple(problems))
        st.title(tr("ui.app_title"))
        st.error(tr("ui.team.unavailable"))
        st.stop()
    if not st.user.is_logged_in:
        _check_providers()
        st.title(tr("ui.app_title"))
        st.write(tr("ui.team.sign_in_intro"))
        st.button(tr("ui.team.sign_in"), key="team_sign_in", type="primary", on_click=_sign_in)
        st.stop()
    actor = current_actor()
    if actor is None:
        st.title(tr("ui.app_title"))
        st.warning(tr("ui.team.no_role", user=str(st.user.get("email") or "")))
        st.button(tr("ui.team.sign_out"), key="team_sign_out", on_click=st.logout)
        st.stop()
    st.sidebar.caption(tr("ui.team.signed_in", user=actor.user, role=actor.role.label(lang())))
    st.sidebar.button(tr("ui.team.sign_out"), key="team_sign_out", on_click=st.logout)


#: the lowest role that may do each action, for the "needs role" hint on a disabled button
_LOWEST = {action: min((r for r in Role if action in PERMISSIONS[r]), key=lambda r: r.rank) for action in Action}


def action_button(
    where: Any, label_key: str, key: str, action: Action, actor: Actor | None, help_key: str, **kw: Any
) -> bool:
    """A button for an action, disabled (with the role it needs as help) when ``actor`` may not do
    it; ``where`` is ``st`` or a column. The store still checks: this is only for clarity."""
    allowed = actor is not None and actor.can(action)
    hint = tr(help_key) if allowed else tr("ui.team.need_role", role=_LOWEST[action].label(lang()))
    disabled = bool(kw.pop("disabled", False)) or not allowed
    return bool(where.button(tr(label_key), key=key, help=hint, disabled=disabled, **kw))
