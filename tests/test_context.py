"""What sessions share (netralitas/ui/context.py), outside a running app: the kept values' limits."""

from __future__ import annotations

from collections import OrderedDict
from types import SimpleNamespace

from netralitas.ui import context


def test_large_values_are_kept_apart_and_fewer(monkeypatch):
    """The cases page's tables (megabytes each) have a small limit of their own, so that many filter
    combinations neither fill the process nor push the pages' figures out of theirs."""
    monkeypatch.setattr(context, "store", lambda: SimpleNamespace(path="shared.duckdb"))
    monkeypatch.setattr(context, "data_version", lambda: (1, 2))
    monkeypatch.setattr(context, "_built", OrderedDict())
    monkeypatch.setattr(context, "_large", OrderedDict())
    assert context.kept(("figure",), lambda: "figure") == "figure"
    tables = context.LARGE_ENTRIES + 5
    for i in range(tables):
        assert context.kept(("table", i), lambda i=i: i, large=True) == i
    assert len(context._large) == context.LARGE_ENTRIES and len(context._built) == 1
    assert context.kept(("figure",), lambda: "built again") == "figure"
    assert context.kept(("table", tables - 1), lambda: "built again", large=True) == tables - 1
    assert context.kept(("table", 0), lambda: "built again", large=True) == "built again"  # the oldest went
    # another data version is another key: nothing kept for the old one is handed out
    monkeypatch.setattr(context, "data_version", lambda: (1, 3))
    assert context.kept(("figure",), lambda: "new data") == "new data"
