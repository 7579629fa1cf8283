"""The one list of the dashboard's pages: the entry (app.py) builds its navigation from it, the tests
open every page from it, and the benchmark times every dashboard page from it. No streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

EVERYONE = ("viewer", "analyst", "admin")
ANALYSTS = ("analyst", "admin")


@dataclass(frozen=True)
class PageSpec:
    """One page: its script (relative to the project root), its URL path, the i18n key of its title, the
    roles that may open it, whether it is a dashboard page (case figures under the shared filters), and
    whether the entry draws its title and the sample-data banner above it (the presenter draws its slide's
    title; the admin page has no banner, since it is where the sample is removed)."""

    script: str
    url_path: str
    title_key: str
    roles: tuple[str, ...] = EVERYONE
    dashboard: bool = False
    titled: bool = True
    banner: bool = True


PAGES: tuple[PageSpec, ...] = (
    # The first page is the default one, served at "/" (app.py also answers /ringkasan with it).
    PageSpec("views/ringkasan.py", "ringkasan", "page_overview", dashboard=True),
    PageSpec("views/peta.py", "peta", "page_map", dashboard=True),
    PageSpec("views/instansi.py", "instansi", "page_agencies", dashboard=True),
    PageSpec("views/tahapan.py", "tahapan", "page_phases", dashboard=True),
    PageSpec("views/kasus.py", "kasus", "page_cases", dashboard=True),
    PageSpec("views/presentasi.py", "presentasi", "page_presenter", titled=False, banner=False),
    PageSpec("views/unggah.py", "unggah", "page_upload", roles=ANALYSTS),
    PageSpec("views/tautan.py", "tautan", "page_links", roles=ANALYSTS),
    PageSpec("views/admin.py", "admin", "page_admin", roles=("admin",), banner=False),
)

DEFAULT_PAGE = PAGES[0]


def pages_for(role: str) -> list[PageSpec]:
    """The pages `role` may open, in navigation order."""
    return [p for p in PAGES if role in p.roles]


def dashboard_pages() -> list[PageSpec]:
    """The pages that show case figures under the shared filters (the ones every check opens)."""
    return [p for p in PAGES if p.dashboard]


def page_at(url_path: str) -> PageSpec:
    """The page served at `url_path` ("" and "beranda" are the default page)."""
    return next((p for p in PAGES if p.url_path == url_path), DEFAULT_PAGE)
