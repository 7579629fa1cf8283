"""Page layout that follows the screen: a phone (≤ 480 px) and a laptop get the same elements, arranged by
CSS media queries, because Streamlit never tells the server how wide the browser is.

Streamlit gives an element created with `key=K` the class `st-key-K`; the rules below find the KPI cards
and the maps by those keys. A plotly chart in Streamlit 1.67 takes the height of its element when CSS
sets one (the frontend measures the element), so the map's height can follow the phone's width.
"""

from __future__ import annotations

from . import maps

PHONE_MAX_PX = 480
KPI_KEY = "kpis"
PROVINCE_MAP_KEY = "map_province"
REGENCY_MAP_KEY = "map_regency"
# Streamlit's main column keeps 1rem of padding each side on a narrow screen.
_CHART_WIDTH = "(100vw - 2rem)"
# The province map is drawn at Indonesia's aspect plus its top margin and the band under it.
_MAP_HEIGHT = f"calc({_CHART_WIDTH} / {maps.ASPECT} + {10 + maps.band_height(False)}px)"
# A province's regencies fit a square.
_REGENCY_MAP_HEIGHT = f"calc({_CHART_WIDTH} + {10 + maps.band_height(False)}px)"

CSS = f"""<style>
/* Seven KPI cards share one row: on a 1280-pixel laptop Streamlit's fixed 2.25rem figures were cut to
   "205.…". The figures shrink with the window instead, never above Streamlit's own size. */
[data-testid='stMetricValue'] {{ font-size: clamp(1.3rem, 2.1vw, 2.25rem) !important; }}
/* Their labels wrap instead of ending in "…" ("Rekomendasi s…" at 1280 pixels); the cards sit on their
   bottom edge (kpi_row), so the figures stay on one line whatever a label's length. */
.st-key-{KPI_KEY} [data-testid='stMetricLabel'] p {{ white-space: normal !important; }}
@media (max-width: {PHONE_MAX_PX}px) {{
  /* Cards two to a row (Streamlit stacks columns one per row below 640 px): the four headline figures
     fill the first two rows and the map starts on the first screen. */
  .st-key-{KPI_KEY} [data-testid='stHorizontalBlock'] {{
    flex-flow: row wrap !important; gap: 0.4rem 0.75rem !important; }}
  .st-key-{KPI_KEY} [data-testid='stColumn'] {{
    flex: 1 1 calc(50% - 0.75rem) !important; min-width: calc(50% - 0.75rem) !important;
    max-width: calc(50% - 0.375rem) !important; }}
  .st-key-{KPI_KEY} [data-testid='stMetricValue'] {{ font-size: 1.5rem !important; }}
  .st-key-{KPI_KEY} [data-testid='stMetricLabel'] p {{ font-size: 0.8rem !important; }}
  /* Tighter type and spacing above the map, so its start shows even under the sample-data notice. */
  [data-testid='stMainBlockContainer'] {{ padding-top: 3.5rem !important; }}
  [data-testid='stMainBlockContainer'] [data-testid='stVerticalBlock'] {{ gap: 0.6rem !important; }}
  h1 {{ font-size: 1.9rem !important; padding-bottom: 0.25rem !important; }}
  [data-testid='stAlert'] p {{ font-size: 0.8rem !important; line-height: 1.35 !important; }}
  [data-testid='stAlertContainer'] {{ padding: 0.5rem 0.75rem !important; }}
  [data-testid='stCaptionContainer'] p {{ font-size: 0.8rem !important; line-height: 1.35 !important; }}
  /* Maps the width of the phone, as tall as they are drawn: no empty band above and below. */
  /* (the element, and the frame inside it, keep the figure's height as their flex basis unless told) */
  .st-key-{PROVINCE_MAP_KEY}, .st-key-{PROVINCE_MAP_KEY} [data-testid='stFullScreenFrame'],
  .st-key-{PROVINCE_MAP_KEY} [data-testid='stPlotlyChart'] {{
    flex: 0 0 auto !important; height: {_MAP_HEIGHT} !important; }}
  .st-key-{REGENCY_MAP_KEY}, .st-key-{REGENCY_MAP_KEY} [data-testid='stFullScreenFrame'],
  .st-key-{REGENCY_MAP_KEY} [data-testid='stPlotlyChart'] {{
    flex: 0 0 auto !important; height: {_REGENCY_MAP_HEIGHT} !important; }}
}}
</style>"""
