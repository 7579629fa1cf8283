"""Text is text: user-controlled values (URL parameters, imported cells, file and sheet names, headers)
escaped for the two renderers that would otherwise read markup in them.

- `md`: Streamlit's markdown (st.markdown, captions, st.warning/info/error, widget labels, expander
  titles, help). It renders links, images (fetched by the browser: a tracking beacon), GFM autolinks
  (`www.x.example`, `https://…`, e-mail addresses), emphasis, `:color[…]` directives and LaTeX. Each
  character that can open such markup gets a backslash (see `_MD_INLINE`); an invisible word joiner
  breaks where an autolink would start; line breaks and control characters become spaces, and a
  leading list marker is escaped, so a value cannot open a new block (a heading, a list).
- `plotly`: plotly's pseudo-HTML in tick labels, legends, hovers and texts (`<a href>` becomes an SVG
  link, `<b>`, `<br>`…). & < > become entities, which plotly turns back into the characters as text.

`plotly` is injective (two values never display alike); `md` shows the value as typed, line breaks
aside, with only invisible word joiners added.
"""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go

# Characters that can open inline markup anywhere in a line (emphasis, code, strike-through, links and
# images, raw HTML and <autolinks>, entities, LaTeX, headings, tables). "(" and "!" only act after or
# before a "[", which is escaped; ordinary punctuation (. , : ; ( ) - /) stays as it is, so messages read
# the same in the markdown source as on screen.
_MD_INLINE = re.compile(r"([\\`*_~\[\]<>#$&|])")
# ":" opens Streamlit's directives and shortcodes (:red[…], :material/home:, :smile:) when a name follows.
_MD_COLON = re.compile(r":(?=[A-Za-z0-9_+\-/\[])")
# At the start of a line, "-", "+" or "1." / "1)" would open a list.
_MD_LIST_START = re.compile(r"^(\s*)([-+])|^(\s*\d+)([.)])")
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
    text = _MD_COLON.sub(r"\\:", _MD_INLINE.sub(r"\\\1", text))
    return _MD_LIST_START.sub(lambda m: (m[1] or m[3] or "") + "\\" + (m[2] or m[4]), text)


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
            # asked first: plotly answers a missing attribute with an error whose "did you mean" edit
            # distances over every property took 0.7 ms a lookup, most of a phase chart's build
            if attr not in trace:
                continue  # this trace type has no such attribute
            current = trace[attr]
            if current is None:
                continue
            escaped = _escaped(current)
            if escaped is not current:
                trace[attr] = escaped
    return fig
