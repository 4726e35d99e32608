"""Roles: who may read, save, delete. Three roles, each a superset of the one before:

- ``viewer``: read scenarios and export files;
- ``planner``: also save scenarios (new, next version, rename, duplicate, restore), run plans and
  sweeps;
- ``admin``: also delete scenarios, edit judgement tables and manage workshops.

Who has which role comes from a roles file (``ICT_STRATEGY_ROLES``: a TOML or CSV file mapping
e-mail addresses to roles) and/or a group claim of the sign-in provider (the claim's name and the
group → role table are in the same TOML file). Without any configuration the app runs in laptop
mode: everyone is the admin :data:`LOCAL`, as before roles existed.

The store checks the role where the action happens (:meth:`strategy.store.ScenarioStore.save` and
the other writing methods take the acting :class:`Actor`) and refuses with
:class:`PermissionDeniedError`, a :class:`strategy.store_errors.StoreError` with a translated
message; the app also hides or disables the buttons, but that is only for clarity.

TOML roles file::

    default = "viewer"          # role of a signed-in user who is not listed (omit: no access)
    group_claim = "groups"      # the ID-token claim holding the user's groups (optional)

    [users]
    "ayumi@example.org" = "admin"

    [groups]
    "ict-planners" = "planner"

CSV roles file: a header ``email,role`` and one row per user.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from strategy.i18n import Lang, t
from strategy.store_errors import StoreError

ENV_ROLES = "ICT_STRATEGY_ROLES"
#: the author of rows saved before the store recorded authors
UNKNOWN_AUTHOR = "unknown"


class Role(StrEnum):
    """A role; later members can do everything earlier ones can."""

    VIEWER = "viewer"
    PLANNER = "planner"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def label(self, lang: Lang = "ja") -> str:
        return t(_ROLE_TEXT[self], lang)


class Action(StrEnum):
    """Something a role may or may not do."""

    READ = "read"
    EXPORT = "export"
    SAVE = "save"
    PLAN = "plan"
    SWEEP = "sweep"
    DELETE = "delete"
    EDIT_JUDGEMENTS = "edit_judgements"
    MANAGE_WORKSHOPS = "manage_workshops"

    def label(self, lang: Lang = "ja") -> str:
        return t(_ACTION_TEXT[self], lang)


_ROLE_TEXT = {Role.VIEWER: "team.role.viewer", Role.PLANNER: "team.role.planner", Role.ADMIN: "team.role.admin"}
_ACTION_TEXT = {
    Action.READ: "team.action.read",
    Action.EXPORT: "team.action.export",
    Action.SAVE: "team.action.save",
    Action.PLAN: "team.action.plan",
    Action.SWEEP: "team.action.sweep",
    Action.DELETE: "team.action.delete",
    Action.EDIT_JUDGEMENTS: "team.action.edit_judgements",
    Action.MANAGE_WORKSHOPS: "team.action.manage_workshops",
}


_VIEWER = frozenset({Action.READ, Action.EXPORT})
_PLANNER = _VIEWER | {Action.SAVE, Action.PLAN, Action.SWEEP}
PERMISSIONS: Mapping[Role, frozenset[Action]] = {
    Role.VIEWER: _VIEWER,
    Role.PLANNER: _PLANNER,
    Role.ADMIN: _PLANNER | {Action.DELETE, Action.EDIT_JUDGEMENTS, Action.MANAGE_WORKSHOPS},
}


@dataclass(frozen=True)
class Actor:
    """Who acts: the signed-in user's e-mail (or ``local``) and their role."""

    user: str
    role: Role

    def can(self, action: Action) -> bool:
        return action in PERMISSIONS[self.role]


#: laptop mode (no sign-in configured): everyone is this admin, as before roles existed
LOCAL = Actor("local", Role.ADMIN)


class PermissionDeniedError(StoreError):
    """The acting user's role does not allow the action; nothing was changed."""

    key = "team.err.forbidden"

    def __init__(self, actor: Actor | None, action: Action):
        self.actor, self.action = actor, action
        super().__init__(user=actor.user if actor else "?", role=actor.role.value if actor else "", action=action.value)

    def message(self, lang: Lang = "ja") -> str:
        if self.actor is None:
            return t("team.err.no_actor", lang, action=self.action.label(lang))
        return t(self.key, lang, user=self.actor.user, role=self.actor.role.label(lang), action=self.action.label(lang))


def require(actor: Actor | None, action: Action) -> Actor:
    """``actor`` if it may do ``action``, else :class:`PermissionDeniedError`."""
    if actor is None or not actor.can(action):
        raise PermissionDeniedError(actor, action)
    return actor


class RolesFileError(Exception):
    """The roles file cannot be read or holds an unknown role; ``message(lang)`` says where."""

    def __init__(self, path: str, detail: str):
        self.path, self.detail = path, detail
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "ja") -> str:
        return t("team.err.roles_file", lang, path=self.path, detail=self.detail)


@dataclass(frozen=True)
class RolesConfig:
    """Who has which role: by e-mail, by group (from the ``group_claim`` of the ID token), and the
    ``default`` role of a signed-in user who is neither listed nor in a listed group (None: no
    access)."""

    users: Mapping[str, Role] = field(default_factory=dict)
    groups: Mapping[str, Role] = field(default_factory=dict)
    group_claim: str | None = None
    default: Role | None = None

    def role_for(self, email: str | None, claims: Mapping[str, Any] | None = None) -> Role | None:
        """The highest role ``email`` has directly or through its groups, else ``default``."""
        found: list[Role] = []
        if email and email.strip().lower() in self.users:
            found.append(self.users[email.strip().lower()])
        if self.group_claim and claims:
            groups = claims.get(self.group_claim) or ()
            if isinstance(groups, str):
                groups = [groups]
            found += [self.groups[g] for g in groups if isinstance(g, str) and g in self.groups]
        if found:
            return max(found, key=lambda r: r.rank)
        return self.default


def _role(value: object, where: str, path: str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise RolesFileError(path, f"{where}: {str(value)[:40]!r}") from None


def parse_roles(text: str, path: str = "roles", *, csv_format: bool = False) -> RolesConfig:
    """A :class:`RolesConfig` from the text of a TOML (default) or CSV roles file."""
    if csv_format:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not {"email", "role"} <= {f.strip().lower() for f in reader.fieldnames}:
            raise RolesFileError(path, "email,role")
        users: dict[str, Role] = {}
        for i, row in enumerate(reader, start=2):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            if row.get("email"):
                users[row["email"].lower()] = _role(row.get("role"), f"line {i}", path)
        return RolesConfig(users=users)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RolesFileError(path, str(exc)) from None
    users_raw, groups_raw = data.get("users", {}), data.get("groups", {})
    if not isinstance(users_raw, dict) or not isinstance(groups_raw, dict):
        raise RolesFileError(path, "[users] / [groups]")
    default = data.get("default")
    claim = data.get("group_claim")
    return RolesConfig(
        users={str(k).strip().lower(): _role(v, str(k), path) for k, v in users_raw.items()},
        groups={str(k): _role(v, str(k), path) for k, v in groups_raw.items()},
        group_claim=str(claim) if claim else None,
        default=_role(default, "default", path) if default else None,
    )


def load_roles(path: str | os.PathLike[str]) -> RolesConfig:
    """Read a roles file (``.csv`` is CSV, anything else TOML)."""
    file = Path(path).expanduser()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise RolesFileError(str(file), exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise RolesFileError(str(file), "UTF-8") from None
    return parse_roles(text, str(file), csv_format=file.suffix.lower() == ".csv")


def roles_from_env(environ: Mapping[str, str] | None = None) -> RolesConfig | None:
    """The roles file named by ``ICT_STRATEGY_ROLES``, None when it is not set."""
    value = (os.environ if environ is None else environ).get(ENV_ROLES, "").strip()
    return load_roles(value) if value else None
