"""Errors the user sees: every message in Bahasa Indonesia and English."""

from __future__ import annotations

from typing import TypeVar

from .i18n import pick, t

E = TypeVar("E", bound="NetralitasError")


class NetralitasError(Exception):
    """A failure the user must understand, with one line in each language."""

    def __init__(self, message_id: str, message_en: str):
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en

    @classmethod
    def of(cls: type[E], key: str, **values: object) -> E:
        """The error whose message is i18n key in both languages, {placeholders} filled from values."""
        return cls(t(key, "id", **values), t(key, "en", **values))

    def message(self, lang: str = "id") -> str:
        return pick(self.message_id, self.message_en, lang)


class FileRefused(NetralitasError):
    """A file that cannot be imported at all; nothing is changed."""
