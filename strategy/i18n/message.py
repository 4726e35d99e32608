"""A library message as data: a catalogue key with its parameters, translated where it is shown."""

from __future__ import annotations

from dataclasses import dataclass

from strategy.i18n.texts import DEFAULT_LANG, Lang, t


@dataclass(frozen=True)
class Message:
    """A message key (``strategy/i18n/messages/*.toml``) and the values for its placeholders.

    Frozen and hashable, so it can sit in a frozen result (e.g. ``Plan.notes``); build it with
    :meth:`of` and show it with :meth:`text` in the reader's language.
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: object) -> Message:
        """The message ``key`` with ``params`` (kept in name order, so equal messages compare equal)."""
        return cls(key, tuple(sorted(params.items())))

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        """The message in ``lang``, placeholders filled."""
        return t(self.key, lang, **dict(self.params))
