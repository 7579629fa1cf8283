"""The one filter model: what the sidebar, the URL, the command line and the SQL parameters share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from .i18n import t
from .reference import FIELDS, province_label, province_names, regency_label, regency_names, vocabulary

LIST_FILTERS = (
    "election",
    "province",
    "regency",
    "agency_type",
    "position",
    "violation_type",
    "status",
    "source",
    "agency",
)
MAX_PARAM_LENGTH = 2000
_ELECTION = re.compile(r"^[a-z]+-\d{4}$")


@dataclass(frozen=True)
class Filters:
    election: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    province: tuple[str, ...] = ()
    regency: tuple[str, ...] = ()
    agency_type: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    violation_type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()

    def params(self) -> dict[str, Any]:
        """Named SQL parameters for queries/_scope.sql."""
        out: dict[str, Any] = {name: list(getattr(self, name)) for name in LIST_FILTERS}
        out["date_from"] = self.date_from
        out["date_to"] = self.date_to
        return out

    def is_empty(self) -> bool:
        return self == Filters()

    def toggle(self, name: str, value: str) -> Filters:
        """The filters with one value set, or cleared when it is the only value already set (click again)."""
        current = getattr(self, name)
        change: dict[str, Any] = {name: () if current == (value,) else (value,)}
        return replace(self, **change)

    def cleared(self, name: str) -> Filters:
        change: dict[str, Any] = {name: () if name in LIST_FILTERS else None}
        return replace(self, **change)

    def to_query_params(self) -> dict[str, str]:
        out = {name: ",".join(getattr(self, name)) for name in LIST_FILTERS if getattr(self, name)}
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        return out


@dataclass
class ParsedFilters:
    filters: Filters
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (parameter, value as received, shortened)


def _allowed(name: str, elections: set[str]) -> set[str] | None:
    """The values a list filter accepts (None: any short text, for agency names)."""
    if name in FIELDS:
        return set(vocabulary().codes(name)) | {""}
    if name == "province":
        return set(province_names("id"))
    if name == "regency":
        return set(regency_names()) | {""}
    if name == "election":
        return elections | {""}
    return None


def parse_query_params(params: dict[str, Any], elections: set[str]) -> ParsedFilters:
    """Filters from URL query parameters; anything unknown or hostile is ignored and reported, never run."""
    values: dict[str, Any] = {}
    ignored: list[tuple[str, str]] = []
    for key, raw in params.items():
        text = (
            raw
            if isinstance(raw, str)
            else ",".join(map(str, raw))
            if isinstance(raw, list | tuple)
            else str(raw)
        )
        if key in LIST_FILTERS:
            if len(text) > MAX_PARAM_LENGTH:
                ignored.append((key, text[:40] + "…"))
                continue
            allowed = _allowed(key, elections)
            items = tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip() or v == ""))
            if key == "agency":
                items = tuple(v for v in items if v and len(v) <= 200 and v.isprintable())
            if allowed is not None and any(v not in allowed for v in items) or not items:
                ignored.append((key, text[:40]))
                continue
            values[key] = items
        elif key in ("from", "to"):
            try:
                values["date_from" if key == "from" else "date_to"] = date.fromisoformat(text)
            except ValueError:
                ignored.append((key, text[:40]))
    return ParsedFilters(Filters(**values), ignored)


def describe(filters: Filters, lang: str = "id", election_names: dict[str, str] | None = None) -> str:
    """One line naming the filters in effect: 'Pilkada 2024 · Jawa Tengah · Status: Rekomendasi'."""
    if filters.is_empty():
        return t("all_data", lang)
    vocab = vocabulary()
    parts: list[str] = []
    for f in fields(Filters):
        value = getattr(filters, f.name)
        if not value:
            continue
        if f.name == "election":
            parts.append(", ".join((election_names or {}).get(v, v) for v in value))
        elif f.name == "province":
            parts.append(", ".join(province_label(v, lang) for v in value))
        elif f.name == "regency":
            parts.append(", ".join(regency_label(v, lang) for v in value))
        elif f.name in FIELDS:
            parts.append(", ".join(vocab.label(f.name, v, lang) for v in value))
        elif f.name == "agency":
            parts.append(", ".join(value))
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "…"
        end = filters.date_to.isoformat() if filters.date_to else "…"
        parts.append(f"{start} – {end}")
    return " · ".join(parts)
