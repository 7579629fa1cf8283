"""Characters that XML (hence XLSX) cannot hold, and that no cell of a case file should contain.

NUL and the other C0 controls except tab, line feed and carriage return are illegal in XML 1.0, and so
are U+FFFE and U+FFFF. The importer refuses rows that hold them (ingest/limits.py); text stored before
that rule, or typed elsewhere, is cleaned wherever it goes into XML (the XLSX export), so a page never
fails on it.
"""

from __future__ import annotations

import re
from typing import overload

# one pattern for Python's re and pyarrow's RE2 alike
PATTERN = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_ILLEGAL = re.compile(PATTERN)


def has_illegal(value: str) -> bool:
    return _ILLEGAL.search(value) is not None


def visible(value: str) -> str:
    """The text with each illegal character written as U+XXXX, so a report can show where it was."""
    return _ILLEGAL.sub(lambda m: f"<U+{ord(m.group(0)):04X}>", value)


def codes(value: str) -> str:
    """The distinct illegal characters of a text, as 'U+0000, U+001B'."""
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in _ILLEGAL.findall(value)}))


@overload
def xml_safe(value: str) -> str: ...
@overload
def xml_safe(value: object) -> object: ...
def xml_safe(value: object) -> object:
    """A text with the illegal characters removed (other values unchanged), for writing XML."""
    if isinstance(value, str) and _ILLEGAL.search(value):
        return _ILLEGAL.sub("", value)
    return value
