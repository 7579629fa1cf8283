"""What the caller asks of an import: kept apart so the staging and the orchestrator share it without
importing each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import kinds


@dataclass
class ImportOptions:
    source: str = "other"
    election: str | None = None
    sheet: str | None = None
    header_row: int | None = None  # the analyst's header row (1-based, as in the file); None: detected
    header_rows: int | None = None  # 1 or 2 (a two-row header); None: detected
    dry_run: bool = False
    user: str = "cli"
    file_name: str = ""
    is_sample: bool = False
    kind: str | None = None  # a file kind of ingest/kinds.py; None: detected from the headers
    detected: kinds.Kind | None = None  # set by the import: the kind in effect and why
    header_overrides: dict[str, str] = field(default_factory=dict)
    value_overrides: dict[str, dict[str, str]] = field(default_factory=dict)
    progress: Callable[[float, str, str], None] | None = (
        None  # (share done, step id, step en): the page's bar
    )

    def report_progress(self, share: float, step_id: str, step_en: str) -> None:
        if self.progress is not None:
            self.progress(share, step_id, step_en)
