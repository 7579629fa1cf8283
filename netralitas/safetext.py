"""Text is text: user-controlled values (URL parameters, imported cells, file and sheet names, headers)
escaped for the two renderers that would otherwise read markup in them.

- `md`: Streamlit's markdown (st.markdown, captions, st.warning/info/error, widget labels, expander
  titles, help). It renders links, images (fetched by the browser: a tracking beacon), GFM autolinks
  (`www.x.example`, `https://…`, e-mail addresses), emphasis, `:color[…]` directives and LaTeX. Every
  ASCII punctuation character gets a backslash (CommonMark escapes exactly those), so none of it can
  start; an invisible word joiner breaks where an autolink would start; line breaks and control
  characters become spaces, so a value cannot open a new block (a heading, a list).
- `plotly`: plotly's pseudo-HTML in tick labels, legends, hovers and texts (`<a href>` becomes an SVG
  link, `<b>`, `<br>`…). & < > become entities, which plotly turns back into the characters as text.

`plotly` is injective (two values never display alike); `md` shows the value as typed, line breaks
aside, with only invisible word joiners added.
"""

from __future__ import annotations

import re
import string
from typing import Any

import plotly.graph_objects as go

_MD_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
# remark-gfm turns URLs and e-mail addresses into links in the text the escapes leave ("https\://x" is
# still text "https://x"), so an invisible word joiner goes where such a link would start: before "://",
# between "www" and ".", before "@". It displays as nothing; copied text carries it.
WORD_JOINER = "\u2060"
_AUTOLINK_START = re.compile(r"(?=://)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
# Trace attributes plotly draws as text; their string items are data (labels, names), never our markup.
# customdata stays as is: it carries the canonical keys a click hands back (a map's names in it come from
# the reference tables, not from users).
PLOTLY_TEXT_ATTRS = ("x", "y", "text", "hovertext", "name", "labels", "ids")


def md(value: object) -> str:
    """The value as literal text inside Streamlit markdown."""
    text = _BREAKS.sub(" ", "" if value is None else str(value))
    text = _AUTOLINK_START.sub(WORD_JOINER, text)
    return _MD_PUNCT.sub(r"\\\1", text)


def md_join(values: Any, sep: str = ", ") -> str:
    """Several values, each escaped, joined by a separator of ours."""
    return sep.join(md(v) for v in values)


def plotly(value: object) -> str:
    """The value as literal text in a plotly label, hover or legend."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped(items: Any) -> Any:
    if isinstance(items, str):
        return plotly(items)
    if isinstance(items, (list, tuple)) or hasattr(items, "tolist"):
        seq = items.tolist() if hasattr(items, "tolist") else list(items)
        if any(isinstance(v, str) for v in seq):
            return [plotly(v) if isinstance(v, str) else v for v in seq]
    return items


def plotly_safe(fig: go.Figure) -> go.Figure:
    """The figure with every text a trace draws from data escaped (in place; returned for chaining)."""
    for trace in fig.data:
        for attr in PLOTLY_TEXT_ATTRS:
            try:
                current = trace[attr]
            except (KeyError, ValueError, AttributeError):
                continue  # this trace type has no such attribute
            if current is None:
                continue
            escaped = _escaped(current)
            if escaped is not current:
                trace[attr] = escaped
    return fig
