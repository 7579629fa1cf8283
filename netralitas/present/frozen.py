"""Figures that every session of a process shares, read-only, with their plotly dict built once.

Streamlit's `st.plotly_chart` asks a figure for `to_dict()` on every call: a deep copy of every trace and
of the layout, with numeric arrays encoded again. For the overview's five figures that copy was about a
ninth of the process's time under a crowd of new sessions (py-spy, 40 viewers at once), for figures that
are the same for every viewer of a data version, filters and language. Then plotly encodes the dict as
JSON, which is fast only for a dict of plain values (see `FrozenFigure`).
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import plotly.io


class FrozenFigure(go.Figure):
    """A figure whose dict is built once, when it is frozen; `to_dict()` returns that dict. It is shared
    by every session, so nothing may change it after `freeze` (a change would not reach the dict)."""

    def __init__(self, figure: go.Figure):
        super().__init__(figure)
        # The figure's own JSON, read back: plain lists and strings, which orjson (plotly's encoder when
        # installed) writes at once. The dict itself holds numpy arrays of text (labels, hover data),
        # which made plotly walk the whole figure in Python on every view before encoding it. From the
        # figure itself: a figure made from another does not take its default template.
        self._frozen_spec: dict[str, Any] = json.loads(plotly.io.to_json(figure, validate=False))

    def to_dict(self) -> dict[str, Any]:
        return self._frozen_spec


def freeze(figures: dict[str, go.Figure]) -> dict[str, go.Figure]:
    """Each figure frozen (`FrozenFigure`), under the same key."""
    return {key: FrozenFigure(fig) for key, fig in figures.items()}
