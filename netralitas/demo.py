"""Synthetic sample data in the store: loaded on first start so the dashboard is never empty, marked as
sample data so the UI can say so and remove it."""

from __future__ import annotations

import io

from .ingest import ImportOptions, ImportReport, undo_batch
from .ingest.load import import_bytes
from .store import Store

SAMPLE_FILE_NAME = "data-contoh-sintetis.csv"


def sample_batches(store: Store) -> list[int]:
    """Active batches holding sample data."""
    with store.connect() as con:
        return [
            b
            for (b,) in con.execute(
                "SELECT batch_id FROM batches WHERE is_sample AND undone_at IS NULL ORDER BY batch_id DESC"
            ).fetchall()
        ]


def load_sample(store: Store, rows: int = 5000, seed: int = 2024, user: str = "system") -> ImportReport:
    """Generate sample rows and import them through the one import path, marked as sample data."""
    from .devtools.sample import generate_cases

    frame = generate_cases(rows, seed=seed)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    options = ImportOptions(source="other", user=user, file_name=SAMPLE_FILE_NAME, is_sample=True)
    return import_bytes(store, buffer.getvalue().encode("utf-8"), options)


def ensure_sample(store: Store, rows: int) -> ImportReport | None:
    """Load sample data into a store that has never had an import (first start)."""
    with store.connect() as con:
        if con.execute("SELECT count(*) FROM batches").fetchall()[0][0]:
            return None
    return load_sample(store, rows)


def remove_sample(store: Store, user: str = "system") -> int:
    """Undo every sample batch; returns the rows removed."""
    removed = 0
    for batch_id in sample_batches(store):
        removed += undo_batch(store, batch_id, user)["removed"]
    return removed
