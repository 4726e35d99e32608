"""Roles files (TOML and CSV), group claims, the default role, and refusals with translated text."""

from __future__ import annotations

from pathlib import Path

import pytest

from strategy.team.roles import (
    ENV_ROLES,
    LOCAL,
    PERMISSIONS,
    Action,
    Actor,
    PermissionDeniedError,
    Role,
    RolesFileError,
    load_roles,
    parse_roles,
    require,
    roles_from_env,
)

TOML = """
group_claim = "groups"

[users]
"Ada@Example.org" = "admin"
"paul@example.org" = "planner"

[groups]
"ict-planners" = "planner"
"ict-admins" = "admin"
"""


def test_each_role_can_do_what_the_one_before_can_and_more():
    assert PERMISSIONS[Role.VIEWER] == {Action.READ, Action.EXPORT}
    assert PERMISSIONS[Role.VIEWER] < PERMISSIONS[Role.PLANNER] < PERMISSIONS[Role.ADMIN]
    assert {Action.SAVE, Action.PLAN, Action.SWEEP} <= PERMISSIONS[Role.PLANNER]
    assert Action.DELETE not in PERMISSIONS[Role.PLANNER]
    assert PERMISSIONS[Role.ADMIN] == set(Action)
    assert LOCAL.role is Role.ADMIN  # laptop mode: as before roles existed


def test_toml_users_groups_and_default():
    config = parse_roles(TOML)
    assert config.role_for("ada@example.org") is Role.ADMIN  # e-mail case does not matter
    assert config.role_for(" PAUL@example.org ") is Role.PLANNER
    assert config.role_for("nobody@example.org") is None  # no default: no access
    assert config.role_for("nobody@example.org", {"groups": ["ict-planners"]}) is Role.PLANNER
    # the highest of the user's own role and its groups' roles
    assert config.role_for("paul@example.org", {"groups": ["other", "ict-admins"]}) is Role.ADMIN
    assert config.role_for("x@example.org", {"groups": "ict-admins"}) is Role.ADMIN  # a single group as text
    assert config.role_for("x@example.org", {"roles": ["ict-admins"]}) is None  # another claim is not read
    with_default = parse_roles('default = "viewer"\n' + TOML)
    assert with_default.role_for("nobody@example.org") is Role.VIEWER


def test_csv_roles_file(tmp_path: Path):
    file = tmp_path / "roles.csv"
    file.write_text("email,role\nvera@example.org,viewer\nada@example.org,Admin\n,\n", encoding="utf-8")
    config = load_roles(file)
    assert config.role_for("vera@example.org") is Role.VIEWER and config.role_for("ada@example.org") is Role.ADMIN


@pytest.mark.parametrize(
    ("text", "csv"),
    [
        ('[users]\n"a@b" = "owner"\n', False),
        ("[users\n", False),
        ('default = "root"\n', False),
        ("mail,role\na@b,viewer\n", True),
        ("email,role\na@b,superuser\n", True),
    ],
)
def test_bad_roles_files_are_refused_with_a_message(text: str, csv: bool):
    with pytest.raises(RolesFileError) as info:
        parse_roles(text, "roles", csv_format=csv)
    assert "roles" in info.value.message("ja") and "viewer" in info.value.message("en")


def test_roles_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(ENV_ROLES, raising=False)
    assert roles_from_env() is None
    file = tmp_path / "roles.toml"
    file.write_text(TOML, encoding="utf-8")
    assert roles_from_env({ENV_ROLES: str(file)}).role_for("ada@example.org") is Role.ADMIN
    with pytest.raises(RolesFileError):
        roles_from_env({ENV_ROLES: str(tmp_path / "missing.toml")})


def test_refusals_say_who_what_and_the_role_in_both_languages():
    viewer = Actor("vera@example.org", Role.VIEWER)
    assert require(viewer, Action.EXPORT) is viewer
    with pytest.raises(PermissionDeniedError) as info:
        require(viewer, Action.DELETE)
    assert info.value.message("en") == (
        "vera@example.org (role: viewer) may not delete scenarios. Nothing was changed. "
        "Ask an admin if you need this permission."
    )
    assert "閲覧者" in info.value.message("ja") and "シナリオの削除" in info.value.message("ja")
    with pytest.raises(PermissionDeniedError) as nobody:
        require(None, Action.SAVE)
    assert "sign" in nobody.value.message("en")
