"""The handouts' two buttons: the slide deck (.pptx) and the map as one HTML file.

Built from the same cached figures the page shows (ui/cached.py), in the reader's language and
for the page's report date, only when a button is pressed (the deck takes several seconds).
"""

from datetime import date

import streamlit as st

from cccd import export, html_map, slides
from cccd.handout_data import DataLabels, HandoutData
from cccd.i18n import Translator
from loaders import handouts
from ui import cached
from ui.shell import lang

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def handout_data(language: str, as_of: date) -> HandoutData:
    """What the handouts show on `as_of`, from the pages' cached entry points."""
    return HandoutData(
        as_of=as_of,
        campaign=cached.campaign(),
        region=cached.region_name(language),
        communes=cached.commune_progress(as_of),
        projections={metric: cached.projections(as_of, metric) for metric in html_map.MEASURES},
        commune_projections=cached.projections(as_of, level="commune"),
        series=cached.district_series(as_of, "delivered"),
        shapes=cached.boundaries().communes,
        district_shapes=(
            cached.overview_district_shapes() if cached.overview() else cached.district_shapes()
        ),
        labels=DataLabels(
            cached.synthetic(), cached.synthetic_units(), cached.boundary_source().approximate
        ),
        sources=handouts.source_list(),
        provinces=len(cached.province_names()),
        district_provinces=_district_provinces(),
    )


def _district_provinces() -> dict[str, str]:
    """district_code -> province name for a country (HandoutData.district_provinces), else {}."""
    names = cached.province_names()
    if len(names) < 2:
        return {}
    return {district: names[code] for district, code in cached.province_of_district().items()}


@st.cache_data(show_spinner=False, max_entries=6)
def deck_bytes(language: str, as_of: date) -> bytes:
    """The slide deck of `as_of` in `language` (cached per language and date)."""
    return slides.deck_pptx(lang.translator(language), handout_data(language, as_of))


@st.cache_data(show_spinner=False, max_entries=6)
def map_file_bytes(language: str, as_of: date) -> bytes:
    """The one-file HTML map of `as_of` in `language` (cached per language and date)."""
    page = html_map.map_html(
        lang.translator(language), handout_data(language, as_of), handouts.leaflet_assets()
    )
    return page.encode("utf-8")


def handout_downloads(t: Translator, as_of: date, key: str = "handout") -> None:
    """Two buttons side by side: "Slides (PowerPoint)" and "Map as a file (HTML)"; `key`
    tells apart two pages' buttons."""
    day = f"{as_of:%Y-%m-%d}"
    left, right = st.columns(2)
    left.download_button(
        t("handouts.slides"),
        lambda: deck_bytes(t.language, as_of),
        export.file_name(t("handouts.file.slides", date=day)) + ".pptx",
        PPTX_MIME,
        key=f"{key}_pptx",
        help=t("handouts.slides_help"),
    )
    right.download_button(
        t("handouts.map_file"),
        lambda: map_file_bytes(t.language, as_of),
        export.file_name(t("handouts.file.map", date=day)) + ".html",
        "text/html",
        key=f"{key}_html",
        help=t("handouts.map_file_help"),
    )
