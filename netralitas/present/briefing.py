"""Briefing material from the same query results as the pages: a short narrative in Bahasa Indonesia and
one self-contained HTML file (plotly.js embedded, nothing fetched) with the filters, KPIs and charts."""

from __future__ import annotations

import html
from datetime import datetime

import plotly.graph_objects as go

from .. import reference, style
from ..i18n import t
from . import coverage


def narrative(
    totals: dict, provinces: list[dict], before: dict | None, previous_name: str, lang: str = "id"
) -> list[str]:
    """Sentences a presenter can read out, built only from the figures shown."""
    out: list[str] = []
    if not totals.get("cases"):
        return [t("nar_no_cases", lang)]
    rate = totals.get("follow_up_rate")
    out.append(
        t(
            "nar_totals",
            lang,
            cases=style.fmt_int(totals["cases"], lang),
            violations=style.fmt_int(totals["violations"], lang),
            recommendations=style.fmt_int(totals["recommendations"], lang),
        )
    )
    sentence = _province_sentence(provinces, lang)
    if sentence:
        out.append(sentence)
    if rate is not None:
        sentence = t("nar_rate", lang, rate=style.fmt_pct(rate, lang, 0))
        old = (before or {}).get("follow_up_rate")
        if old is not None:
            key = "nar_rate_up" if rate > old else "nar_rate_down" if rate < old else "nar_rate_same"
            sentence += t(key, lang, old=style.fmt_pct(old, lang, 0), name=previous_name)
        out.append(sentence + ".")
    if totals.get("records_blocked"):
        out.append(t("nar_blocked", lang, n=style.fmt_int(totals["records_blocked"], lang)))
    return out


def _province_sentence(provinces: list[dict], lang: str) -> str:
    """The leading province among today's provinces, how many of them have cases, and the cases on units
    from before a province split named apart (they are not a 39th province)."""
    today = set(reference.provinces()["code"])
    current = [p for p in provinces if p["cases"] > 0 and p["key"] in today]
    if not current:
        return ""
    historical = {p["key"]: p["cases"] for p in provinces if p["key"] in reference.historical_units()}
    cov = coverage.Coverage(len(current), 0, 0, historical, 0)
    first = current[0]
    name, cases = first["label"], style.fmt_int(first["cases"], lang)
    head = (
        t("cov_nar_top", lang, name=name, cases=cases, provinces=style.fmt_int(len(current), lang))
        if len(current) > 1
        else t("cov_nar_only", lang, name=name, cases=cases)
    )
    head += coverage.historical_clause(cov, lang)
    if len(current) > 1:
        second = current[1]
        return head + t(
            "cov_nar_next", lang, name=second["label"], cases=style.fmt_int(second["cases"], lang)
        )
    return head + "."


def html_document(
    title: str,
    filters_line: str,
    kpis: list[tuple[str, str]],
    sentences: list[str],
    figures: list[go.Figure],
    data_as_of: str,
    lang: str = "id",
) -> str:
    """One HTML file that opens anywhere with no network: plotly.js is embedded once, inline."""
    # plotly.js looks in window.PlotlyGeoAssets before fetching its world topojson from a CDN: an empty
    # topology there lets the choropleth draw our own regions with no network at all.
    empty = '{"type":"Topology","objects":{},"arcs":[]}'
    parts = [
        f"<script>window.PlotlyGeoAssets={{topojson:{{world_110m:{empty},world_50m:{empty}}}}};</script>"
    ]
    for i, fig in enumerate(figures):
        parts.append(fig.to_html(full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False}))
    cards = "".join(
        f"<div class='kpi'><div class='v'>{html.escape(v)}</div><div class='l'>{html.escape(k)}</div></div>"
        for k, v in kpis
    )
    text = "".join(f"<p>{html.escape(s)}</p>" for s in sentences)
    made = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>body{{font-family:{style.FONT};color:{style.INK};max-width:1200px;margin:24px auto;padding:0 16px}}
.kpis{{display:flex;gap:16px;flex-wrap:wrap}}.kpi{{border:1px solid #ddd;border-radius:8px;padding:12px 16px;min-width:150px}}
.kpi .v{{font-size:32px;font-weight:700}}.kpi .l{{color:{style.MUTED}}}footer{{color:{style.MUTED};font-size:13px;margin-top:24px}}</style>
</head><body><h1>{html.escape(title)}</h1><p><b>Filter:</b> {html.escape(filters_line)}</p>
<div class="kpis">{cards}</div><h2>{t("brief_summary", lang)}</h2>{text}
{"".join(parts)}
<footer>{html.escape(t("sources_note", lang))} {html.escape(t("data_as_of", lang, date=data_as_of))}
{t("brief_made", lang, when=made)}</footer></body></html>"""


def chromium_path() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def pdf_from_html(document: str, timeout: float = 60) -> bytes | None:
    """The briefing printed to PDF by headless Chromium, offline; None where the machine has no Chromium."""
    import subprocess
    import tempfile
    from pathlib import Path

    browser = chromium_path()
    if browser is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "briefing.html", Path(tmp) / "briefing.pdf"
        page.write_text(document, encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                "--virtual-time-budget=15000",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        return pdf.read_bytes() if pdf.exists() and pdf.stat().st_size > 0 else None
