"""Text keys shared by the importer and the reference builders, so both normalise alike."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def text_key(value: object) -> str:
    """Lower-case ASCII key: accents stripped, anything not a letter or digit becomes one space.

    "Prov. D.I. Yogyakarta" -> "prov d i yogyakarta"; "  JAWA-Barat " -> "jawa barat".
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text.lower()).strip()
