"""Widgets every upload section of Unggah data shares: the file uploader with our size limit and the table of
rejected rows. The case files, the headcounts and the IKP use the same two, so limits and tables look alike."""

from __future__ import annotations

import streamlit as st

from .. import export, style
from ..i18n import t
from ..present.tables import problem_rows
from ..uploads import UploadLimits


def uploader(label: str, types: list[str], key: str, limits: UploadLimits, lang: str, multiple: bool = False):
    """A file uploader with our size limit: the help text and the line under the drop zone state it in the
    page's language (Streamlit's own line would state the larger cap that lets over-limit files through to
    our message)."""
    kinds = ", ".join(kind.upper() for kind in types)
    note = t("up_max_per_file", lang, n=style.fmt_int(limits.limit_mb, lang)) + " • " + kinds
    st.html(
        f"<style>.st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] span"
        "{font-size:0 !important}"
        f".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] span::after"
        f"{{content:'{note}';font-size:0.875rem}}</style>"
    )
    return st.file_uploader(
        label,
        type=types,
        accept_multiple_files=multiple,
        key=key,
        help=limits.help(lang, kinds),
        max_upload_size=limits.widget_mb,
    )


def rejected_rows(errors: list, file_name: str, key: str, lang: str) -> None:
    """Rejected rows one by one (row, column, value, reason), with a CSV download; nothing when none."""
    if not errors:
        return
    rejected = problem_rows([e.as_dict(lang) for e in errors], lang)
    st.markdown(f"**{t('up_rejected_rows', lang)}**")
    st.dataframe(rejected, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(rejected)))
    st.download_button(
        t("up_rejected_download", lang), export.to_csv_bytes(rejected), file_name, "text/csv", key=key
    )
