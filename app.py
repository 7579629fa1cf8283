"""Entry point: page config, language, global filters, navigation."""

import streamlit as st

from netralitas.i18n import t
from netralitas.store import StoreError
from netralitas.ui import context, presenter, session, sidebar, widgets

st.set_page_config(page_title="Netralitas ASN", layout="wide")


def pages(lang: str, role: str) -> list:
    """The pages a role may open. Ringkasan is the default page, served at "/"; Streamlit serves a
    default page only there, so a hidden copy answers the README's /ringkasan link."""
    out = [
        st.Page(
            "views/ringkasan.py",
            title=t("page_overview", lang),
            url_path="beranda",
            default=True,
        ),
        st.Page(
            "views/ringkasan.py", title=t("page_overview", lang), url_path="ringkasan", visibility="hidden"
        ),
        st.Page("views/peta.py", title=t("page_map", lang), url_path="peta"),
        st.Page(
            "views/instansi.py",
            title=t("page_agencies", lang),
            url_path="instansi",
        ),
        st.Page("views/tahapan.py", title=t("page_phases", lang), url_path="tahapan"),
        st.Page("views/kasus.py", title=t("page_cases", lang), url_path="kasus"),
        st.Page("views/presentasi.py", title=t("page_presenter", lang), url_path="presentasi"),
    ]
    # Pages a role may not use are not in the navigation at all, so no URL reaches them.
    if role in ("analyst", "admin"):
        out.append(st.Page("views/unggah.py", title=t("page_upload", lang), url_path="unggah"))
        out.append(st.Page("views/tautan.py", title=t("page_links", lang), url_path="tautan"))
    if role == "admin":
        out.append(st.Page("views/admin.py", title="Admin", url_path="admin"))
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
    sidebar.render()
    if context.presenter():
        presenter.apply()
    else:
        widgets.responsive_kpis()

    st.navigation(pages(lang, context.role())).run()


try:
    main()
except StoreError as exc:
    # The database is busy beyond the wait, missing or unreadable: say so in both languages, no traceback.
    st.error(f"{exc.message_id}\n\n{exc.message_en}", icon=":material/database:")
    if st.button("Coba lagi / Try again"):
        st.rerun()
