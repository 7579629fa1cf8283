"""What the upload page needs beyond the import itself: a preview, the detected mapping, saved aliases,
the batch history. There is one import path: the page calls ingest.import_bytes like the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from . import audit, config, style
from .errors import FileRefused
from .i18n import t
from .ingest.load import store_context
from .ingest.mapping import CANONICAL_COLUMNS, HeaderMapping, map_headers
from .ingest.read import RawTable, read_bytes
from .store import Store
from .text import text_key

PREVIEW_ROWS = 20
MIB = 1024 * 1024  # "MB" as Streamlit's uploader and the importer count it


@dataclass(frozen=True)
class UploadLimits:
    """The size rules of the upload page. `limit_mb` is what we accept (the upload_limit_mb setting, or
    Streamlit's server.maxUploadSize when that is lower: the server would refuse more); `widget_mb` is what
    the uploader lets through, twice the limit where the server allows it, so that a file somewhat over the
    limit still reaches the page and gets our message in both languages rather than Streamlit's English one."""

    setting_mb: int
    server_mb: int

    @property
    def limit_mb(self) -> int:
        return min(self.setting_mb, self.server_mb)

    @property
    def widget_mb(self) -> int:
        return min(browser_limit_mb(self.setting_mb), self.server_mb)

    @property
    def server_too_low(self) -> bool:
        """Streamlit's server refuses files the setting allows: started without scripts/start.sh."""
        return self.server_mb < self.setting_mb

    def help(self, lang: str, types: str) -> str:
        limit = style.fmt_int(self.limit_mb, lang)
        return t("upload_limit_help", lang, limit=limit, types=types)

    def refuse_if_too_large(self, name: str, size: int) -> None:
        """Raise FileRefused, in both languages, for a file over the limit (before it is read at all)."""
        if size <= self.limit_mb * MIB:
            return
        size_id, size_en = style.fmt_num(size / MIB, "id"), style.fmt_num(size / MIB, "en")
        limit_id, limit_en = style.fmt_int(self.limit_mb, "id"), style.fmt_int(self.limit_mb, "en")
        raise FileRefused(
            t("upload_too_large", "id", name=name, size=size_id, limit=limit_id),
            t("upload_too_large", "en", name=name, size=size_en, limit=limit_en),
        )


def browser_limit_mb(setting_mb: int | None = None) -> int:
    """Streamlit's server.maxUploadSize for a given upload limit (scripts/start.sh passes it): twice the
    limit, so files over the limit reach our check instead of being cut off by Streamlit in English."""
    return 2 * (setting_mb if setting_mb is not None else config.setting_int("upload_limit_mb"))


def upload_limits(server_mb: int) -> UploadLimits:
    """The page's limits, given the server.maxUploadSize the Streamlit server runs with."""
    return UploadLimits(config.setting_int("upload_limit_mb"), int(server_mb))


@dataclass
class Preview:
    raw: RawTable
    mapping: HeaderMapping
    head: pd.DataFrame  # the first rows as read, with the file's own headers and row numbers


def preview(
    store: Store,
    data: bytes,
    source: str,
    sheet: str | None = None,
    header_overrides: dict[str, str] | None = None,
    header_row: int | None = None,
    header_rows: int | None = None,
) -> Preview:
    """Read a file (raising FileRefused like the importer) and detect its column mapping; header_row and
    header_rows are the analyst's choice of header (None: detected)."""
    raw = read_bytes(data, sheet, header_row, header_rows)
    saved_headers, _values, _calendar = store_context(store, source)
    mapping = map_headers(raw.headers, saved_headers, header_overrides)
    head = raw.table.slice(0, PREVIEW_ROWS).to_pandas()
    head = head.rename(columns={f"c{i}": h for i, h in enumerate(raw.headers)}).rename(
        columns={"_row": "baris"}
    )
    head = head[["baris", *raw.headers]]
    return Preview(raw, mapping, head)


# The mapping table's choice for a header the importer leaves out: a value of its own, because the data
# editor shows an empty cell as a grey "None" instead of its label ("(diabaikan)").
IGNORED = "-"


def mapping_table(p: Preview) -> pd.DataFrame:
    """One row per file header: the canonical column it maps to (`IGNORED` if none) and why."""
    rows = []
    ignored = {h: reason for h, reason, _en in p.mapping.ignored}
    for i, header in enumerate(p.raw.headers):
        rows.append(
            {"header": header, "column": p.mapping.columns.get(i, IGNORED), "note": ignored.get(header, "")}
        )
    return pd.DataFrame(rows)


def _chosen_column(cell: object) -> str:
    """A mapping table cell as the importer takes it: a canonical column, or '' for ignored (a cell the
    analyst cleared comes back as None or a missing value)."""
    return cell if isinstance(cell, str) and cell != IGNORED else ""


def overrides_from_table(table: pd.DataFrame, detected: pd.DataFrame) -> dict[str, str]:
    """The headers whose mapping the user changed in the table."""
    before = {h: _chosen_column(c) for h, c in zip(detected["header"], detected["column"], strict=True)}
    out = {}
    for header, cell in zip(table["header"], table["column"], strict=True):
        column = _chosen_column(cell)
        if column not in ("", *CANONICAL_COLUMNS):
            continue
        if before.get(header, "") != column:
            out[header] = column
    return out


def save_aliases(
    store: Store, source: str, headers: dict[str, str], values: dict[str, dict[str, str]], user: str
) -> int:
    """Remember the user's header and value assignments for the next file of this source."""
    from .ingest.mapping import header_key

    rows = [("header", source, header_key(h), target) for h, target in headers.items()]
    rows += [
        (field, source, text_key(raw), code)
        for field, mapping in values.items()
        for raw, code in mapping.items()
    ]
    if not rows:
        return 0
    with store.transaction() as con:
        for kind, src, alias, target in rows:
            con.execute(
                "INSERT OR REPLACE INTO saved_aliases VALUES ($kind, $src, $alias, $target, $at, $user)",
                {
                    "kind": kind,
                    "src": src,
                    "alias": alias,
                    "target": target,
                    "at": datetime.now(),
                    "user": user,
                },
            )
        audit.record(con, user, "setting", f"{len(rows)} pemetaan disimpan untuk {source}")
    return len(rows)
