"""Unggah data: preview, column and value mapping, dry run, commit, history and undo; the same importer
as the command line. The sections are netralitas.ui.upload_cases, upload_history, headcount_upload and ikp;
they share the uploader and the rejected-rows table of netralitas.ui.upload_widgets."""

from functools import partial

import streamlit as st

from netralitas.i18n import t
from netralitas.ui import context, headcount_upload, upload_cases, upload_history, upload_widgets
from netralitas.ui import ikp as ikp_ui
from netralitas.uploads import upload_limits

context.require_role("analyst", "admin")
lang = context.lang()
limits = upload_limits(st.get_option("server.maxUploadSize"))
if limits.server_too_low:
    st.warning(t("up_server_too_low", lang, server_mb=limits.server_mb, setting_mb=limits.setting_mb))
uploader = partial(upload_widgets.uploader, limits=limits, lang=lang)
rejected_rows = partial(upload_widgets.rejected_rows, lang=lang)

for up in uploader(t("up_files", lang), ["csv", "txt", "xlsx", "xls", "ods"], "uploads", multiple=True) or []:
    upload_cases.file_section(up, rejected_rows, limits, lang)
upload_history.sample_section(lang)
upload_history.history_section(lang)
headcount_upload.upload_section(uploader, rejected_rows, limits, lang)
ikp_ui.upload_section(uploader, rejected_rows, limits, lang)
