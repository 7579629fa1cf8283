"""Errors the user sees: every message in Bahasa Indonesia and English."""

from __future__ import annotations

from .i18n import pick


class NetralitasError(Exception):
    """A failure the user must understand, with one line in each language."""

    def __init__(self, message_id: str, message_en: str):
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en

    def message(self, lang: str = "id") -> str:
        return pick(self.message_id, self.message_en, lang)


class FileRefused(NetralitasError):
    """A file that cannot be imported at all; nothing is changed."""
