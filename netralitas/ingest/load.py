"""Import pipeline: read -> map headers -> stage (normalise, vectorised, in a staging DuckDB: stage.py) ->
reject / warn (rejections.py) -> merge (merge.py) in one transaction (commit.py); undo.py takes a batch
back. Each row is loaded, updates a case, is unchanged, or is rejected with its row number.

This module runs those steps in order and is the import's public API: the names other modules and the
tests import from here stay importable from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import FileRefused
from ..i18n import both, pick
from ..store import Store
from . import commit, kinds, rejections
from .mapping import CANONICAL_COLUMNS, DATE_COLUMNS, HeaderMapping, map_headers
from .merge import DERIVED_FROM, STORED_COLUMNS
from .options import ImportOptions
from .read import RawTable, RowProblem, check_size, read_bytes
from .rejections import MAX_WARNINGS
from .stage import BATCH_ROWS, Stager
from .undo import later_batches_touching, undo_batch

__all__ = [
    "BATCH_ROWS",
    "DERIVED_FROM",
    "MAX_WARNINGS",
    "STORED_COLUMNS",
    "ImportOptions",
    "ImportReport",
    "import_bytes",
    "import_file",
    "later_batches_touching",
    "store_context",
    "undo_batch",
]


@dataclass
class ImportReport:
    batch_id: int | None
    rows_read: int
    rows_loaded: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    errors: list[RowProblem]
    warnings: list[RowProblem]
    warnings_total: int
    unmapped: list[dict]  # {field, column, value, count, rows}
    unknown_places: list[dict]  # rejected locations by spelling: {field, column, value, count, rows}
    columns: dict[str, str]  # header -> canonical column
    ignored_headers: list[tuple[str, str, str]]
    file: dict[str, Any]
    dry_run: bool
    # Groups of identical rows the store holds more of than the file (kept, reported): see repeats.py
    fewer_repeats: list[dict] = field(default_factory=list)
    # Title, blank, subtotal and note rows: not data, not rejected; {row, reason}
    skipped: list[dict] = field(default_factory=list)
    rows_skipped: int = 0
    # How each date column's numeric dates were read: day-first, month-first or ambiguous
    date_orders: dict[str, str] = field(default_factory=dict)
    kind: dict[str, Any] = field(default_factory=dict)  # {kind, chosen, reason}

    def as_json(self, lang: str = "id") -> dict:
        return {
            "batch_id": self.batch_id,
            "dry_run": self.dry_run,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_updated": self.rows_updated,
            "rows_unchanged": self.rows_unchanged,
            "rows_rejected": self.rows_rejected,
            "errors": [e.as_dict(lang) for e in self.errors],
            "warnings": [w.as_dict(lang) for w in self.warnings],
            "warnings_total": self.warnings_total,
            "unmapped": self.unmapped,
            "unknown_places": self.unknown_places,
            "columns": self.columns,
            "ignored_columns": [
                {"header": h, "reason": pick(rid, ren, lang)} for h, rid, ren in self.ignored_headers
            ],
            "file": self.file,
            "rows_skipped": self.rows_skipped,
            "skipped": [
                {"row": s["row"], "reason": pick(s["reason_id"], s["reason_en"], lang)} for s in self.skipped
            ],
            "fewer_repeats": [
                {k: v for k, v in g.items() if not k.startswith("reason_")}
                | {"reason": pick(g["reason_id"], g["reason_en"], lang)}
                for g in self.fewer_repeats
            ],
            "date_orders": self.date_orders,
            "kind": self.kind,
        }


def _checkpoint(step: str) -> None:
    """A seam for tests that inject a failure in the middle of an import."""


# -- reading what the store knows -----------------------------------------------------------------
def store_context(
    store: Store, source: str
) -> tuple[dict[str, str], dict[str, dict[str, str]], pd.DataFrame]:
    """Saved header aliases, saved value aliases and the calendar, read before the file is merged."""
    from ..config import REFERENCE_DIR

    if not store.exists():
        cal = pd.read_csv(REFERENCE_DIR / "calendar.csv", parse_dates=["start_date", "end_date"])
        return {}, {}, cal
    with store.connect() as con:
        saved = con.execute(
            "SELECT kind, alias, target FROM saved_aliases WHERE source IN ('*', $s) ORDER BY source = '*' DESC",
            {"s": source},
        ).fetchall()
        cal = con.execute("SELECT * FROM calendar").df()
    headers: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    for kind, alias, target in saved:
        if kind == "header":
            headers[alias] = target
        else:
            values.setdefault(kind, {})[alias] = target
    return headers, values, cal


def import_bytes(store: Store, data: bytes, options: ImportOptions) -> ImportReport:
    """Import one file's content; raises FileRefused (nothing changed) when it cannot be imported at all."""
    options.report_progress(0.05, *both("progress_reading"))
    raw = read_bytes(data, options.sheet, options.header_row, options.header_rows)
    del data  # from here on the rows live in `raw`; a caller that passed the only reference frees the file
    options.report_progress(0.3, *both("progress_mapping"))
    saved_headers, saved_values, calendar = store_context(store, options.source)
    mapping = map_headers(raw.headers, saved_headers, options.header_overrides)
    mapping = _kind_of(raw, mapping, saved_headers, options)
    if not (mapping.has("province") or mapping.has("regency")):
        raise FileRefused.of("refuse_no_location", headers=", ".join(raw.headers[:12]))
    if not any(mapping.has(c) for c in DATE_COLUMNS):
        raise FileRefused.of("refuse_no_date_column")
    rows_read = raw.rows
    stager = Stager(raw, mapping, options, saved_values, calendar)
    try:
        stager.stage()
        # in this order: the warnings leave out the rows rejected first
        staged = _Staged(
            raw,
            rows_read,
            mapping,
            stager,
            rejected=rejections.rejected_rows(stager),
            warned=rejections.warned_rows(stager),
            places=rejections.unknown_places(stager),
        )
        return _save(store, staged, options)
    finally:
        stager.remove()


@dataclass(frozen=True)
class _Staged:
    """A staged file and what its checks found: what the commit and the report are made from."""

    raw: RawTable
    rows_read: int  # counted before staging lets go of the file's rows
    mapping: HeaderMapping
    stager: Stager
    rejected: pd.DataFrame
    warned: pd.DataFrame
    places: list[dict]


def _save(store: Store, staged: _Staged, options: ImportOptions) -> ImportReport:
    """Merge the staged rows in one transaction of the store (rolled back for a dry run) and report."""
    options.report_progress(0.7, *both("progress_saving"))
    raw, mapping, stager = staged.raw, staged.mapping, staged.stager
    headers = {c: mapping.header_of(c, raw.headers) for c in CANONICAL_COLUMNS}
    headers["location"] = " / ".join(
        mapping.header_of(c, raw.headers) for c in ("province", "regency") if mapping.has(c)
    )
    errors = sorted(raw.problems + rejections.problems(staged.rejected, headers), key=lambda e: e.row)
    rows_rejected = len({e.row for e in errors})
    batch = commit.Batch(
        user=options.user,
        file_name=options.file_name,
        checksum=raw.checksum,
        source=options.source,
        is_sample=options.is_sample,
        rows_read=staged.rows_read,
        rows_rejected=rows_rejected,
        kind=options.detected,
        dry_run=options.dry_run,
    )
    # _checkpoint is looked up here, at each call, so a test that replaces it reaches the merge too
    saved = commit.save(store, stager, batch, _checkpoint)
    warned, repeats = staged.warned, saved.repeats
    return ImportReport(
        batch_id=None if options.dry_run else saved.batch_id,
        rows_read=staged.rows_read,
        rows_loaded=saved.loaded,
        rows_updated=saved.updated,
        rows_unchanged=saved.unchanged,
        rows_rejected=rows_rejected,
        errors=errors,
        warnings=rejections.repeat_warnings(repeats, headers)
        + rejections.problems(warned.head(MAX_WARNINGS), headers),
        warnings_total=len(warned) + len(repeats),
        unmapped=rejections.unmapped(warned, headers),
        unknown_places=staged.places,
        columns={raw.headers[i]: c for i, c in mapping.columns.items()},
        ignored_headers=mapping.ignored,
        file={
            "name": options.file_name,
            "kind": raw.kind,
            "encoding": raw.encoding,
            "delimiter": raw.delimiter,
            "sheet": raw.sheet,
            "sheets": raw.sheets,
            "header_row": raw.header_row,
            "header_rows": raw.header_rows,
            "checksum": raw.checksum,
        },
        dry_run=options.dry_run,
        fewer_repeats=repeats,
        date_orders={stager.header(c): o for c, o in stager.date_orders.items()},
        skipped=raw.skipped,
        rows_skipped=raw.rows_skipped,
        kind=_kind_json(options.detected),
    )


def _kind_of(
    raw: RawTable, mapping: HeaderMapping, saved_headers: dict[str, str], options: ImportOptions
) -> HeaderMapping:
    """Detect (or take the chosen) kind of file, map the headers whose meaning depends on it, and let an
    'other' source give way to the kind's; the kind in effect is left in `options.detected`."""
    found = kinds.detect(raw.headers, mapping, options.kind)
    options.detected = found
    options.kind = found.kind
    options.source = kinds.implied_source(found.kind, options.source)
    overrides = kinds.header_overrides(found.kind, raw.headers, mapping, options.header_overrides)
    if overrides != options.header_overrides:
        mapping = map_headers(raw.headers, saved_headers, overrides)
    return mapping


def _kind_json(found: kinds.Kind | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {
        "kind": found.kind,
        "chosen": found.chosen,
        "reason_id": found.reason_id,
        "reason_en": found.reason_en,
    }


def import_file(store: Store, path: str | Path, options: ImportOptions) -> ImportReport:
    """Import one file from disk; raises FileRefused (nothing changed) when it cannot be opened or imported."""
    path = Path(path)
    if not options.file_name:
        options.file_name = path.name
    try:
        check_size(path.stat().st_size)  # before reading it: a file over the limit is never held whole
        data = [path.read_bytes()]
    except OSError as exc:
        raise FileRefused.of("refuse_cannot_open", reason=exc.strerror) from exc
    # hand over the only reference, so the file's bytes are freed once they are parsed
    return import_bytes(store, data.pop(), options)
