"""The benchmark's baseline: how a typical Streamlit app holds its data (it lives here because only the UI
modules import streamlit)."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pandas as pd
import streamlit as st

from ..store import Store


def cached_frame_loader(store: Store) -> Callable[[], pd.DataFrame]:
    """The usual Streamlit way: the whole table in a DataFrame from a function under st.cache_data, which
    hands every rerun its own copy (it stores the frame pickled and unpickles it on each hit)."""
    # Outside `streamlit run` the cache works the same but warns on every call.
    for name in ("streamlit.runtime.caching.cache_data_api", "streamlit.runtime.scriptrunner_utils"):
        logging.getLogger(name).setLevel(logging.ERROR)

    @st.cache_data(show_spinner=False)
    def load(db: str) -> pd.DataFrame:
        with Store(db).connect() as con:
            return con.execute("SELECT * FROM cases").df()

    return lambda: load(str(store.path))
