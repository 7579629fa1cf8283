"""Entry point: page config, language, global filters, navigation."""

import copy

import streamlit as st

from netralitas import pages as registry
from netralitas.i18n import t
from netralitas.store import StoreError
from netralitas.ui import context, presenter, session, sidebar, widgets

st.set_page_config(page_title="Netralitas ASN", layout="wide")


def pages(lang: str, role: str) -> list:
    """The pages a role may open, from the one page registry (netralitas/pages.py). Pages a role may not
    use are not in the navigation at all, so no URL reaches them. Made once per language and role for
    every session (st.Page resolves its script's path, ~1 ms a run); each run gets its own copies, since
    st.navigation marks on the page it returns that this run may call it."""
    return [copy.copy(p) for p in context.kept(("pages", lang, role), lambda: _pages(lang, role))]


def _pages(lang: str, role: str) -> list:
    """The default page is served at "/"; Streamlit serves a default page only there, so a hidden copy
    answers the README's /ringkasan link."""
    default = registry.DEFAULT_PAGE
    out = [
        st.Page(default.script, title=t(default.title_key, lang), url_path="beranda", default=True),
        st.Page(
            default.script, title=t(default.title_key, lang), url_path=default.url_path, visibility="hidden"
        ),
    ]
    out += [
        st.Page(p.script, title=t(p.title_key, lang), url_path=p.url_path)
        for p in registry.pages_for(role)
        if p is not default
    ]
    return out


def main() -> None:
    context.begin_run()
    if "lang" in st.query_params and st.query_params["lang"] in ("id", "en"):
        st.session_state[context.LANG_STATE] = st.query_params["lang"]
    lang = context.lang()

    with st.sidebar:
        choice = st.segmented_control(
            t("language", lang),
            ["id", "en"],
            default=lang,
            format_func=lambda c: {"id": "Bahasa Indonesia", "en": "English"}[c],
        )
        if choice and choice != lang:
            st.session_state[context.LANG_STATE] = choice
            st.query_params["lang"] = choice
            st.rerun()

    # Signed out, the link's page is still resolved (and not run), so signing in lands on it.
    session.gate(lambda: st.navigation(pages(lang, "admin"), position="hidden"))
    context.read_url_filters()
    sidebar.read()
    # The filter widgets keep their place at the top of the sidebar but are drawn after the page: a new
    # browser session then gets the page's charts first and starts loading plotly.js (4.6 MB, the longest
    # load of a first view) before the widgets' own scripts, instead of after them.
    filter_slot = st.sidebar.container()
    if context.presenter():
        presenter.apply()
    else:
        widgets.responsive_kpis()

    current = st.navigation(pages(lang, context.role()))
    spec = registry.page_at(current.url_path)
    # Drawn once, here, for every page: its title, the sample banner while every row is synthetic, and
    # on the dashboard pages the line that says which filters the figures are under.
    if spec.titled:
        st.title(t(spec.title_key, lang))
    if spec.banner:
        context.banner()
    if spec.dashboard:
        context.filter_line()
    try:
        current.run()
    finally:  # also when the page stops early (st.stop), so the widgets and their values stay
        with filter_slot:
            sidebar.render()


try:
    main()
except StoreError as exc:
    # The database is busy beyond the wait, missing or unreadable: say so in both languages, no traceback.
    st.error(f"{exc.message_id}\n\n{exc.message_en}", icon=":material/database:")
    if st.button("Coba lagi / Try again"):
        st.rerun()
