"""Header mapping: which file column holds which canonical column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n import both
from ..reference import header_aliases
from ..text import text_key

CANONICAL_COLUMNS = (
    "source",
    "case_id",
    "election",
    "phase",
    "report_date",
    "incident_date",
    "recommendation_date",
    "follow_up_date",
    "province",
    "regency",
    "agency",
    "agency_type",
    "position",
    "employee_name",
    "nip",
    "violation_type",
    "origin",
    "status",
    "sanction",
    "record_blocked",
    "block_date",
    "unblock_date",
)
DATE_COLUMNS = (
    "report_date",
    "incident_date",
    "recommendation_date",
    "follow_up_date",
    "block_date",
    "unblock_date",
)
ROW_COUNTER_KEYS = {"no", "no urut", "nomor urut", "nourut", "urut", "n"}
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@dataclass
class HeaderMapping:
    """column index -> canonical column, and the headers left out with the reason."""

    columns: dict[int, str] = field(default_factory=dict)
    ignored: list[tuple[str, str, str]] = field(default_factory=list)  # (header, reason_id, reason_en)

    def header_of(self, canonical: str, headers: list[str]) -> str:
        for idx, col in self.columns.items():
            if col == canonical:
                return headers[idx]
        return canonical

    def has(self, canonical: str) -> bool:
        return canonical in self.columns.values()


def header_key(header: str) -> str:
    """text_key of a header without parenthesised notes: 'Tanggal Laporan (dd/mm/yyyy)' -> 'tanggal laporan'."""
    return text_key(_PARENS.sub(" ", str(header)))


def map_headers(
    headers: list[str], saved: dict[str, str] | None = None, overrides: dict[str, str] | None = None
) -> HeaderMapping:
    """Map each header through the user's overrides, then saved aliases, then the reference aliases."""
    aliases = header_aliases()
    result = HeaderMapping()
    used: set[str] = set()
    for idx, header in enumerate(headers):
        key = header_key(header)
        if overrides and header in overrides:
            target = overrides[header]
        elif saved and key in saved:
            target = saved[key]
        elif key in ROW_COUNTER_KEYS:
            result.ignored.append((header, "nomor urut, diabaikan", "row counter, ignored"))
            continue
        else:
            target = aliases.get(key) or aliases.get(text_key(header), "")
        if not target:
            result.ignored.append((header, *both("imp_column_unknown")))
            continue
        if target not in CANONICAL_COLUMNS:
            result.ignored.append((header, *both("imp_column_target_unknown", target=target)))
            continue
        if target in used:
            result.ignored.append((header, *both("imp_column_second", target=target)))
            continue
        used.add(target)
        result.columns[idx] = target
    return result
