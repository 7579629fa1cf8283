"""Per-run context for pages: the store, the language, the filters (synced with the URL), cached queries."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .. import config, queries
from ..demo import ensure_sample
from ..errors import NetralitasError
from ..filters import Filters, describe, parse_query_params
from ..i18n import t
from ..metrics import election_names_from
from ..present.frozen import freeze
from ..safetext import md
from ..store import DatabaseBusy, Store

FILTER_STATE = "netralitas_filters"
LANG_STATE = "netralitas_lang"


# One Store per database file for the process. A plain dict, not st.cache_resource: a run asks for the
# store at every query, and the cache's argument hashing on each call was a few percent of a view.
_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def store() -> Store:
    """The process's store for the configured database, opened (and given the sample data when
    configured) on first use."""
    path = str(config.db_path())
    found = _stores.get(path)
    if found is not None:
        return found
    with _stores_lock:
        if path not in _stores:
            opened = Store(path, keep_open=True)
            if config.setting("load_sample") == "1":
                ensure_sample(opened, config.setting_int("sample_rows"))
            _stores[path] = opened
        return _stores[path]


# Query results per data version, shared by every session of this process. Kept as they are and handed
# out as shallow copies: with pandas' copy-on-write a caller's change never reaches the kept frame, and
# no session pays for unpickling a copy, as st.cache_data did on every call (a third of a cached view).
_results: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_results_lock = threading.Lock()
RESULT_ENTRIES = 512


def _run(
    db: str, version: tuple, name: str, filters: Filters, params_items: tuple, wait: bool
) -> pd.DataFrame:
    key = (db, version, name, filters, params_items)
    with _results_lock:
        frame = _results.get(key)
        if frame is not None:
            _results.move_to_end(key)
    if frame is None:
        frame = queries.run(Store(db, keep_open=True), name, filters, dict(params_items), wait=wait)
        with _results_lock:
            _results[key] = frame
            while len(_results) > RESULT_ENTRIES:
                _results.popitem(last=False)
    return frame.copy(deep=False)


# The last result of each query (any data version), for the moments another process holds the file.
_last_good: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
LAST_GOOD_ENTRIES = 512
BUSY_SHOWN = "_netralitas_busy_shown"
RUN_VERSION = "_netralitas_run_version"


def query(name: str, filters: Filters | None = None, **params: Any) -> pd.DataFrame:
    """A query result, cached per data version. While another process is writing the database (an import
    from the command line), the last result is shown at once with a notice, whether that process asked
    for the file or found it free; a view never shown before waits for the writer, up to the lock wait."""
    s = store()
    key = (str(s.path), name, filters or Filters(), tuple(sorted(params.items())))
    if key in _last_good and s.requested_elsewhere():
        _busy_notice()
        return _last_good[key]
    try:
        frame = _run(
            str(s.path),
            data_version(),
            name,
            filters or Filters(),
            tuple(sorted(params.items())),
            key not in _last_good,
        )
    except DatabaseBusy:
        if key in _last_good:
            _busy_notice()
            return _last_good[key]
        raise
    _last_good[key] = frame
    _last_good.move_to_end(key)
    while len(_last_good) > LAST_GOOD_ENTRIES:
        _last_good.popitem(last=False)
    return frame


def _busy_notice() -> None:
    """Once per run: the figures shown are from just before another process began updating the data."""
    if not st.session_state.get(BUSY_SHOWN):
        st.info(t("busy", lang()), icon=":material/sync:")
    st.session_state[BUSY_SHOWN] = True


def begin_run() -> None:
    """Per-run resets (app.py calls this first), and the data version this run reads."""
    st.session_state[BUSY_SHOWN] = False
    st.session_state[RUN_VERSION] = store().data_version()


def data_version() -> tuple:
    """The database's version when this run began: one key for every query and figure of the run, so a
    run never files results read before an import under the version after it."""
    return st.session_state.get(RUN_VERSION) or store().data_version()


T = TypeVar("T")
# Figures (and whatever else a page builds from its query results) shared by every session of this
# process: a briefing's audience opens the same view, and building plotly figures was most of a first
# view's own work. Figures are only read afterwards (st.plotly_chart copies them), never changed.
_built: OrderedDict[tuple, Any] = OrderedDict()
_built_lock = threading.Lock()
BUILT_ENTRIES = 256
# Tables of up to 5,000 rows (the cases page) are kept apart and fewer: each is megabytes, and many filter
# combinations must neither fill the process nor push the pages' figures out.
_large: OrderedDict[tuple, Any] = OrderedDict()
LARGE_ENTRIES = 16


def kept(key: tuple, build: Callable[[], T], large: bool = False) -> T:
    """`build()`, kept per database and data version under `key` for every session of this process
    (`large`: among the few large values). A run that showed results from before another process's update
    (the busy notice) keeps nothing: they are older than its version says."""
    found, entries = (_large, LARGE_ENTRIES) if large else (_built, BUILT_ENTRIES)
    full = (str(store().path), data_version(), *key)
    with _built_lock:
        if full in found:
            found.move_to_end(full)
            return found[full]
    value = build()
    if not st.session_state.get(BUSY_SHOWN):
        with _built_lock:
            found[full] = value
            while len(found) > entries:
                found.popitem(last=False)
    return value


def built(name: Hashable, build: Callable[[], T], large: bool = False) -> T:
    """`build()`, kept per data version, the run's filters and language (`kept`): a page's figures."""
    return kept((filters(), lang(), name), build, large)


def figures(name: str, build: Callable[[], dict[str, go.Figure]]) -> dict[str, go.Figure]:
    """A page's charts, keyed by their place on the page: built and frozen (present/frozen.py) once per
    data version, filters and language (`built`), for every viewer. `name` carries anything else the
    charts depend on (a chosen metric)."""
    return built(name, lambda: freeze(build()))


def lang() -> str:
    return st.session_state.get(LANG_STATE, "id")


def elections() -> pd.DataFrame:
    return query("elections")


def election_names() -> dict[str, str]:
    """Each election's name in the run's language, kept per data version (a run asks several times)."""
    language = lang()
    return kept(("election_names", language), lambda: election_names_from(elections(), language))


def filters() -> Filters:
    """The filters in effect, read once per run from the URL (which every widget writes back to)."""
    return st.session_state.get(FILTER_STATE, Filters())


def read_url_filters() -> None:
    parsed = parse_query_params(dict(st.query_params.to_dict()), set(elections()["election"]))
    st.session_state[FILTER_STATE] = parsed.filters
    if parsed.ignored:
        items = ", ".join(f"{md(k)}={md(v)}" for k, v in parsed.ignored)
        st.warning(t("filter_ignored", lang(), items=items))


def set_filters(new: Filters) -> None:
    """Set the filters and mirror them in the URL so a copied link reopens the same view."""
    st.session_state[FILTER_STATE] = new
    keep = {k: v for k, v in st.query_params.to_dict().items() if k in ("lang", "presenter", "slide")}
    st.query_params.from_dict({**keep, **new.to_query_params()})


def banner() -> None:
    """The sample-data warning, shown while every row in the store is synthetic."""
    if kept(("sample_only",), _sample_only):
        st.warning(t("sample_banner", lang()), icon=":material/science:")


def _sample_only() -> bool:
    status = query("data_status").iloc[0]
    return bool(status["sample_rows"] > 0 and status["real_rows"] == 0)


def filter_line() -> None:
    st.caption(f"**{t('in_effect', lang())}:** {md(describe(filters(), lang(), election_names()))}")


def role() -> str:
    """The signed-in user's role (set by ui.session.gate; local mode grants analyst). Nothing set: viewer."""
    return st.session_state.get("netralitas_role", "viewer")


def presenter() -> bool:
    return st.query_params.get("presenter") == "1"


def username() -> str:
    """Who is acting, for the batch history and the audit log ('lokal' in local mode)."""
    return st.session_state.get("netralitas_user", "anonim")


def require_role(*roles: str) -> None:
    """Defence in depth: a page for some roles stops for anyone else, whatever the navigation says."""
    if role() not in roles:
        st.error(t("page_not_for_role", lang()))
        st.stop()


def show_refusal(exc: NetralitasError) -> None:
    """A refusal in both languages; its text may quote the file (a sheet, a header), so it is escaped."""
    st.error(f"{md(exc.message_id)}\n\n{md(exc.message_en)}")


def log_export(what: str) -> None:
    """Audit callback for download buttons."""
    from ..auth import audit

    audit(store(), username(), "export", what)
