"""Figures shared by every session (netralitas/present/frozen.py): Streamlit must send exactly what it
sends for the figure they were frozen from, and their dict must be built once."""

from __future__ import annotations

import pandas as pd
import plotly.io
import plotly.tools

from netralitas.present import charts, maps
from netralitas.present.frozen import FrozenFigure, freeze


def figures() -> dict:
    groups = pd.DataFrame(
        {
            "key": ["51", "74", ""],
            "label": ["Bali", "Sulawesi Tenggara", "tidak diketahui"],
            "cases": [3, 5, 1],
        }
    )
    return {
        "bars": charts.ranked_bars(groups, "cases", "Kasus", "id"),
        "map": maps.province_choropleth(groups, "cases", "Kasus", "id"),
        "funnel": charts.funnel(
            {"cases": 9, "processed": 8, "violations": 6, "recommendations": 5, "followed_up": 2},
            "Alur",
            "id",
        ),
    }


def streamlit_spec(fig) -> str:
    """What st.plotly_chart puts in its message for `fig` (streamlit/elements/plotly_chart.py)."""
    as_dict = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return plotly.io.to_json(as_dict, validate=False)


def test_a_frozen_figure_sends_what_its_figure_sends():
    originals = figures()
    frozen = freeze(originals)
    assert frozen.keys() == originals.keys()
    for key, fig in originals.items():
        assert isinstance(frozen[key], FrozenFigure)
        assert streamlit_spec(frozen[key]) == streamlit_spec(fig), key
        assert plotly.io.to_json(frozen[key]) == plotly.io.to_json(fig), key  # also for an HTML export


def test_a_frozen_figure_builds_its_dict_once():
    fig = FrozenFigure(figures()["bars"])
    assert fig.to_dict() is fig.to_dict()
    streamlit_spec(fig)  # plotly drops trace uids from the dict it is given: the shared dict stays the same
    assert streamlit_spec(fig) == streamlit_spec(fig)
