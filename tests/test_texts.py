"""The text catalogues: every key in Japanese and English with the same placeholders, every key used
by the code, every key the code asks for defined, and the library's messages kept apart from the app's.

Keys are found in the code (``strategy/``, ``ui/``, ``app.py``) by reading its syntax tree:

- a string literal shaped like a key (``"ui.pl.title"``) is a use of that key and of the keys
  derived from it (``ui.pl.title_help``, ``ui.pl.title.<option>``): widget helpers are given a key
  or a stem (``section_picker(..., "ui.cp.tab", ...)``) and add the help or option suffix;
- an f-string filled from a loop over literal strings (``for name in ("need", "readiness")``) is a
  use of each key it makes (``ui.sc.fit.need``, ``ui.sc.fit.readiness``);
- any other f-string that starts like a key (``f"ui.home.q{number}.title"``, ``f"label.region.{r}"``)
  is a *family*: every key that fits it (``ui.home.q<anything>.title``) counts as used;
- ``ui.labels.label(prefix, value)`` builds ``ui.<prefix>.<value>`` (or ``label.<prefix>.<value>``)
  from its literal first argument, so each call site is a family too.

A family prefix that is only a namespace (``f"ui.{x}"``) would mark a whole catalogue used; it must
be listed in :data:`NAMESPACE_FAMILIES` with the reason.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from strategy.i18n import LANGS
from strategy.i18n import TEXT as LIBRARY_TEXT
from strategy.i18n.catalog import CatalogError, load_catalog
from ui.labels import LIBRARY_KINDS as LIBRARY_LABELS
from ui.texts import UI_TEXT

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = {"strategy/i18n/messages": LIBRARY_TEXT, "ui/texts": UI_TEXT}
ALL_TEXT = {**LIBRARY_TEXT, **UI_TEXT}
NAMESPACES = frozenset(key.split(".")[0] for key in ALL_TEXT)

#: A string literal that names a key: a known namespace, then dot-separated words (keys with spaces,
#: such as ``ui.income.High income``, are only ever built from data, never written in code).
KEY_LITERAL = re.compile(rf"(?:{'|'.join(sorted(NAMESPACES))})(?:\.\w+)+")

#: Families whose f-string prefix is a whole namespace, each with why that is not too broad.
NAMESPACE_FAMILIES = {
    # strategy/scenario.py names the expected type of a bad value: type.<number|integer|...>;
    # the namespace holds nothing else.
    "type.",
}


@dataclass(frozen=True)
class Use:
    """A key the code names, or a family of keys it builds, at ``where``.

    ``parts`` is the literal text around the values the code fills in: ``("ui.pl.title",)`` for a
    literal, ``("ui.home.q", ".title")`` for ``f"ui.home.q{number}.title"``.
    """

    parts: tuple[str, ...]
    where: str

    @property
    def family(self) -> bool:
        return len(self.parts) > 1

    @property
    def key(self) -> str:
        """The key, or the family's pattern with ``{}`` for each value filled in (for messages)."""
        return "{}".join(self.parts)

    @property
    def library(self) -> bool:
        return self.where.startswith("strategy/")

    def covers(self, key: str) -> bool:
        if not self.family:  # a key, and the keys derived from it: its help text, its options
            return key == self.parts[0] or key.startswith((self.parts[0] + ".", self.parts[0] + "_"))
        return re.fullmatch(".+".join(re.escape(p) for p in self.parts), key) is not None


def _code_files() -> list[Path]:
    return [*sorted((ROOT / "strategy").rglob("*.py")), *sorted((ROOT / "ui").rglob("*.py")), ROOT / "app.py"]


def _fstring_parts(node: ast.JoinedStr) -> tuple[str, ...]:
    parts = [""]
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts[-1] += str(value.value)
        else:
            parts.append("")
    return tuple(parts)


def _loop_keys(tree: ast.AST) -> dict[int, list[str]]:
    """Keys of f-strings filled from a loop over literal strings, by f-string node id.

    ``{k: t(f"ui.col.{k}", lang) for k in ("country", "score")}`` uses exactly ``ui.col.country``
    and ``ui.col.score``, not every ``ui.col.*`` key.
    """
    keys: dict[int, list[str]] = {}
    for loop in ast.walk(tree):
        if isinstance(loop, ast.For):
            generators: list[ast.For | ast.comprehension] = [loop]
        elif isinstance(loop, ast.DictComp | ast.ListComp | ast.SetComp | ast.GeneratorExp):
            generators = list(loop.generators)
        else:
            continue
        for gen in generators:
            items = gen.iter.elts if isinstance(gen.iter, ast.Tuple | ast.List) else []
            if not (isinstance(gen.target, ast.Name) and items and all(isinstance(e, ast.Constant) for e in items)):
                continue
            for node in ast.walk(loop):
                filled = [v for v in getattr(node, "values", []) if isinstance(v, ast.FormattedValue)]
                if (
                    isinstance(node, ast.JoinedStr)
                    and len(filled) == 1
                    and isinstance(filled[0].value, ast.Name)
                    and filled[0].value.id == gen.target.id
                    and not filled[0].format_spec
                ):
                    head, tail = _fstring_parts(node)
                    keys[id(node)] = [f"{head}{e.value}{tail}" for e in items]  # type: ignore[union-attr]
    return keys


#: The two label builders take the family as an argument (``label("pillar", ...)``,
#: ``code_label("pillar", ...)``): their own f-strings are not families, their calls are.
LABEL_BUILDERS = {"label", "code_label"}


def _builder_fstrings(tree: ast.AST) -> set[int]:
    return {
        id(node)
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef) and fn.name in LABEL_BUILDERS
        for node in ast.walk(fn)
        if isinstance(node, ast.JoinedStr)
    }


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    return node.func.attr if isinstance(node.func, ast.Attribute) else None


def _uses_in(tree: ast.AST, where: str) -> Iterator[Use]:
    in_fstring: set[int] = set()
    resolved = _loop_keys(tree)
    builders = _builder_fstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) in builders:
            in_fstring.update(id(v) for v in node.values)
            continue
        if isinstance(node, ast.JoinedStr) and id(node) in resolved:
            in_fstring.update(id(v) for v in node.values)
            if KEY_LITERAL.match(resolved[id(node)][0]):
                yield from (Use((key,), f"{where}:{node.lineno}") for key in resolved[id(node)])
        elif isinstance(node, ast.JoinedStr):
            in_fstring.update(id(v) for v in node.values)
            parts = _fstring_parts(node)
            if len(parts) > 1 and KEY_LITERAL.match(parts[0] + "x"):
                yield Use(parts, f"{where}:{node.lineno}")
        elif (
            isinstance(node, ast.Call)
            and _called_name(node) in LABEL_BUILDERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            prefix = node.args[0].value
            library = prefix in LIBRARY_LABELS or _called_name(node) == "code_label"
            namespace = "label" if library else "ui"
            yield Use((f"{namespace}.{prefix}.", ""), f"{where}:{node.lineno}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
            if KEY_LITERAL.fullmatch(node.value):
                yield Use((node.value,), f"{where}:{node.lineno}")


@cache
def code_uses() -> tuple[Use, ...]:
    """Every key and key family the app and the library refer to."""
    uses: list[Use] = []
    for path in _code_files():
        where = path.relative_to(ROOT).as_posix()
        uses.extend(_uses_in(ast.parse(path.read_text(encoding="utf-8"), filename=where), where))
    return tuple(uses)


def _is_used(key: str, uses: tuple[Use, ...]) -> bool:
    return any(u.covers(key) for u in uses)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _entries() -> Iterator[tuple[str, str, dict[str, str]]]:
    for folder, texts in CATALOGUES.items():
        for key, entry in texts.items():
            yield folder, key, entry


# --- the catalogues themselves ---------------------------------------------------------------------


def test_every_key_has_japanese_and_english() -> None:
    incomplete = [
        f"{folder}: {key} lacks {sorted(set(LANGS) - {lang for lang, text in entry.items() if text.strip()})}"
        for folder, key, entry in _entries()
        if any(not entry.get(lang, "").strip() for lang in LANGS)
    ]
    assert not incomplete, "\n".join(incomplete)


def test_placeholders_are_the_same_in_every_language() -> None:
    differ = []
    for folder, key, entry in _entries():
        names = {lang: _placeholders(entry[lang]) for lang in LANGS if lang in entry}
        if len({frozenset(n) for n in names.values()}) > 1:
            differ.append(f"{folder}: {key} {names}")
    assert not differ, "\n".join(differ)


def test_the_app_catalogue_holds_only_app_keys_and_the_library_none() -> None:
    assert all(key.startswith("ui.") for key in UI_TEXT), [k for k in UI_TEXT if not k.startswith("ui.")]
    assert not [key for key in LIBRARY_TEXT if key.startswith("ui.")]


# --- the code against the catalogues ---------------------------------------------------------------


def test_the_key_finder_sees_literals_families_and_label_calls() -> None:
    """Guards the finder itself: if it found nothing, every check below would pass vacuously."""
    uses = {u.parts for u in code_uses()}
    assert ("ui.page.data",) in uses
    assert ("err.where",) in uses
    assert ("ui.home.q", ".title") in uses  # f"ui.home.q{number}.title"
    assert ("ui.grp.", ".", "") in uses  # f"ui.grp.{indicator}.{level}"
    assert ("ui.col.year_adopted",) in uses  # f"ui.col.{k}" for k in ("country", "standard", "year_adopted", ...)
    assert ("ui.sc.fit.", "") in uses  # f"ui.sc.fit.{name}" for name in FIT_WEIGHTS (a name, not literals)
    assert ("ui.cp.tab",) in uses  # a stem given to a widget helper, which adds ".<option>"
    assert ("label.region.", "") in uses  # f"label.region.{r}"
    assert ("label.pillar.", "") in uses  # label("pillar", ...)
    assert ("ui.income.", "") in uses  # label("income", ...)


def test_every_key_the_code_names_is_defined() -> None:
    # a literal that is not a key itself must at least be the stem of some (a widget helper given
    # "ui.cp.tab" shows "ui.cp.tab.<option>"): a typo names neither
    missing = [f"{u.where}: {u.key}" for u in code_uses() if not u.family and not any(u.covers(k) for k in ALL_TEXT)]
    assert not missing, "\n".join(missing)


def test_every_key_family_the_code_builds_has_keys() -> None:
    empty = [f"{u.where}: {u.key}" for u in code_uses() if u.family and not any(u.covers(k) for k in ALL_TEXT)]
    assert not empty, "\n".join(empty)


def test_no_family_covers_a_whole_namespace_unless_listed() -> None:
    broad = [
        f"{u.where}: {u.key}"
        for u in code_uses()
        if u.family and u.parts[0].count(".") == 1 and u.parts[0].endswith(".") and u.parts[0] not in NAMESPACE_FAMILIES
    ]
    assert not broad, "\n".join(broad)


def test_every_key_is_used() -> None:
    uses = code_uses()
    unused = [f"{folder}: {key}" for folder, key, _ in _entries() if not _is_used(key, uses)]
    assert not unused, "unused keys (delete them):\n" + "\n".join(unused)


def test_the_library_uses_only_its_own_messages() -> None:
    wrong = [
        f"{u.where}: {u.key}"
        for u in code_uses()
        if u.library and (u.key.startswith("ui.") or (not u.family and u.key not in LIBRARY_TEXT))
    ]
    assert not wrong, "\n".join(wrong)


def test_every_library_message_is_used_by_the_library() -> None:
    """A library key only the app uses belongs in ui/texts."""
    library_uses = tuple(u for u in code_uses() if u.library)
    app_only = [key for key in LIBRARY_TEXT if not _is_used(key, library_uses)]
    assert not app_only, "move to ui/texts: " + ", ".join(app_only)


# --- the loader's refusals -------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_catalog_reads_ja_and_en_side_by_side(tmp_path: Path) -> None:
    _write(tmp_path, "a.toml", '["x.one"]\nja = "一"\nen = "one"\n')
    _write(tmp_path, "b.toml", '["x.two"]\nja = "二 {n}"\nen = "two {n}"\n')
    assert load_catalog(tmp_path, LANGS) == {
        "x.one": {"ja": "一", "en": "one"},
        "x.two": {"ja": "二 {n}", "en": "two {n}"},
    }


@pytest.mark.parametrize(
    ("files", "named"),
    [
        pytest.param(
            {"a.toml": '["x.k"]\nja = "a"\nen = "a"\n', "b.toml": '["x.k"]\nja = "b"\nen = "b"\n'},
            ("b.toml", "x.k", "a.toml"),
            id="duplicate-key-across-files",
        ),
        pytest.param({"a.toml": '["x.k"]\nja = "a"\nfr = "a"\n'}, ("a.toml", "x.k", "fr"), id="unknown-language"),
        pytest.param({"a.toml": '["x.k"]\nja = "a"\nen = 3\n'}, ("a.toml", "x.k", "not text"), id="non-string-value"),
        pytest.param({"a.toml": '"x.k" = "a"\n'}, ("a.toml", "x.k", "table of languages"), id="not-a-table"),
        pytest.param(
            {"ok.toml": '["x.k"]\nja = "a"\n', "broken.toml": '["x.k"\nja = "a"\n'}, ("broken.toml",), id="broken-toml"
        ),
    ],
)
def test_catalog_refuses_a_bad_catalogue_naming_the_file(
    tmp_path: Path, files: dict[str, str], named: tuple[str, ...]
) -> None:
    for name, text in files.items():
        _write(tmp_path, name, text)
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path, LANGS)
    for part in named:
        assert part in str(caught.value)
