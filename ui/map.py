"""The map's widgets: sidebar controls (date, metric, view, area, search, basemap), the commune
map itself, its view (centre, zoom) and the selected commune's details."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from cccd import commune_status, mapview, tables
from cccd.i18n import Translator
from ui import cached, folium_render
from ui.shell import lang, url_state
from ui.widgets import METRIC_LABELS, metric_choice

# Choices -> message keys of their labels.
BASEMAP_LABELS = {"none": "basemap.none", "osm": "basemap.osm", "light": "basemap.light"}
MODE_LABELS = {"ratio": "mode.ratio", "remaining": "mode.remaining"}
# Each radio's choice before anyone picks is its first option, as Streamlit draws it: one table,
# read by the sidebar (the URL's defaults) and by planned_controls (the first run, no sidebar).
CHOICES = {"metric": METRIC_LABELS, "mode": MODE_LABELS, "basemap": mapview.BASEMAPS}
DEFAULTS = {key: next(iter(options)) for key, options in CHOICES.items()}
DRAWN_KEY = "map_drawn"
# st_folium sends its returned objects when it creates the map if they differ from the defaults
# it was given: its "selected_tags" starts as [] against the default None, and no map of ours
# changes it later. Asking for it makes the map report once, when it has been drawn.
DRAWN_SIGNAL = "selected_tags"
MAP_FIRST_WAIT_S = 5  # a broken map, or a slow device still drawing: the rest comes anyway
_WAITED_KEY = "map_first_waited"


@dataclass(frozen=True)
class MapControls:
    """What the user chose in the sidebar of the map page."""

    as_of: date
    metric: str
    mode: str
    since: date | None
    district_code: str | None
    basemap: str
    province_code: str | None = None


def map_controls(dates: list[date], district_names: dict[str, str]) -> MapControls:
    """The map page's sidebar: date, metric, view, comparison date, district, search, basemap."""
    t = lang.current()
    _restore_view(dates, district_names)
    as_of = st.select_slider(
        t("control.as_of"),
        options=dates,
        format_func=t.day,
        key="as_of",
        # The value comes from the URL or the last choice when there is one.
        **({} if "as_of" in st.session_state else {"value": dates[-1]}),
    )
    metric = metric_choice(t, key="metric")
    mode = st.radio(
        t("control.mode"), list(MODE_LABELS), format_func=lambda m: t(MODE_LABELS[m]), key="mode"
    )
    earlier = [day for day in dates if day < as_of]
    since = st.selectbox(
        t("control.since"),
        [None, *earlier],
        format_func=lambda day: t("control.since_none") if day is None else t.day(day),
        key="since",
    )
    province_code, district_code = area_choice(t, district_names)
    commune_search(t, cached.commune_progress(as_of))
    basemap = st.radio(
        t("control.basemap"),
        list(mapview.BASEMAPS),
        format_func=lambda name: t(BASEMAP_LABELS[name]),
        key="basemap",
        help=t("control.basemap_help"),
    )
    url_state.remember(
        {
            "date": as_of,
            "metric": metric,
            "district": district_code,
            "mode": mode,
            "province": province_code,
        },
        {"date": dates[-1], "metric": DEFAULTS["metric"], "mode": DEFAULTS["mode"]},
    )
    return MapControls(as_of, metric, mode, since, district_code, basemap, province_code)


def _restore_view(dates: list[date], district_names: dict[str, str]) -> None:
    url_keys = {"date": "as_of", "metric": "metric", "district": "district", "mode": "mode"}
    url_state.restore(
        url_keys,
        {"date": dates, "metric": METRIC_LABELS, "district": district_names, "mode": MODE_LABELS},
    )


def _restore_province(provinces: dict[str, str]) -> None:
    # A link with ?district= opens that district's province; else ?province= opens its own.
    linked_district = st.session_state.get("district")
    if "province" not in st.session_state and linked_district:
        st.session_state["province"] = cached.province_of_district().get(linked_district)
    url_state.restore({"province": "province"}, {"province": provinces})


def planned_controls(dates: list[date], district_names: dict[str, str]) -> MapControls:
    """What map_controls will return, from the URL and the session, without drawing the
    controls: the map can be sent before them (see map_first)."""
    _restore_view(dates, district_names)
    state = st.session_state
    as_of = state.get("as_of") if state.get("as_of") in dates else dates[-1]
    since = state.get("since") if state.get("since") in dates[: dates.index(as_of)] else None
    provinces = cached.province_names()
    province = None
    districts = list(district_names)
    if len(provinces) > 1:
        _restore_province(provinces)
        province = state.get("province") if state.get("province") in provinces else None
        districts = cached.province_districts(province) if province else []
    chosen = {
        key: state[key] if state.get(key) in options else DEFAULTS[key]
        for key, options in CHOICES.items()
    }
    return MapControls(
        as_of,
        chosen["metric"],
        chosen["mode"],
        since,
        state.get("district") if state.get("district") in districts else None,
        chosen["basemap"],
        province,
    )


def map_first() -> bool:
    """True until a browser session's map says it has been drawn: the page then sends the map
    alone, and the rest follows in the run that report starts (commune_map's report_drawn).
    A headless run (AppTest: no browser, no request headers) has no map to wait for."""
    return not st.session_state.get(DRAWN_KEY) and bool(st.context.headers)


@st.fragment(run_every=MAP_FIRST_WAIT_S)
def rest_if_map_silent() -> None:
    """With map_first: if the map has not reported within MAP_FIRST_WAIT_S (its frame failed,
    or a slow device is still drawing), the rest of the page comes anyway."""
    if st.session_state.pop(_WAITED_KEY, False):
        st.session_state[DRAWN_KEY] = True
        st.rerun(scope="app")
    st.session_state[_WAITED_KEY] = True


def area_choice(t: Translator, district_names: dict[str, str]) -> tuple[str | None, str | None]:
    """The district filter; with several provinces, a province filter first and the district
    filter listing that province's districts (a country's 700 would be too long a list)."""
    provinces = cached.province_names()
    if len(provinces) == 1:
        return None, _district_box(t, list(district_names), district_names, t("control.city"))
    _restore_province(provinces)
    province = st.selectbox(
        t("control.province"),
        [None, *provinces],
        format_func=lambda code: t("control.country") if code is None else provinces[code],
        key="province",
        on_change=_forget_district,
    )
    if province is None:
        return None, None
    districts = cached.province_districts(province)
    return province, _district_box(t, districts, district_names, t("control.whole_province"))


def _district_box(
    t: Translator, codes: list[str], district_names: dict[str, str], whole: str
) -> str | None:
    """The district filter over `codes`; None (labelled `whole`) for the whole area."""
    return st.selectbox(
        t("control.district"),
        [None, *codes],
        format_func=lambda code: whole if code is None else district_names[code],
        key="district",
        on_change=forget_focus,
    )


def _forget_district() -> None:
    st.session_state.pop("district", None)
    forget_focus()


def commune_search(t: Translator, communes: pd.DataFrame) -> None:
    """A search box that finds communes with or without diacritics and selects the pick."""
    query = st.text_input(t("search.label"), placeholder=t("search.placeholder"), key="search")
    if not query.strip():
        # The search's zoom was a detour: with the box cleared the map goes back to the view it
        # replaced (the district's or the whole area's). The pick stays selected.
        st.session_state.pop("focus_commune", None)
        st.session_state.pop("search_pick", None)
    hits = tables.search_communes(communes, query)
    if query and hits.empty:
        st.caption(t("search.none"))
        return
    if hits.empty:
        return
    labels = dict(
        zip(hits["commune_code"], hits["commune_name"] + " – " + hits["district_name"], strict=True)
    )
    st.selectbox(
        t("search.results", count=len(hits)),
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder=t("search.pick"),
        key="search_pick",
        on_change=_select_search_pick,
    )
    if len(hits) == 1 and st.session_state.get("selected_commune") != hits.iloc[0].commune_code:
        st.session_state["selected_commune"] = hits.iloc[0].commune_code
        st.session_state["focus_commune"] = hits.iloc[0].commune_code


def _select_search_pick() -> None:
    code = st.session_state.get("search_pick")
    if code:
        st.session_state["selected_commune"] = code
        st.session_state["focus_commune"] = code


def forget_focus() -> None:
    """Widget callback: a new district choice wins over an earlier commune search."""
    st.session_state.pop("focus_commune", None)


def select_clicked_commune() -> None:
    """st_folium callback: the clicked commune becomes the selected one (the view stays)."""
    clicked = (st.session_state.get("map") or {}).get("last_active_drawing") or {}
    code = (clicked.get("properties") or {}).get("commune_code")
    if code:
        st.session_state["selected_commune"] = code


def commune_map(
    t: Translator,
    as_of: date,
    metric: str,
    view: mapview.LayerView,
    *,
    key: str,
    height: int = mapview.MAP_HEIGHT,
    basemap: str = "none",
    center: tuple[float, float] | None = None,
    zoom: float | None = None,
    returned_objects: tuple[str, ...] = (),
    on_change: Callable[[], None] | None = None,
    province_code: str | None = None,
    report_drawn: bool = False,
) -> object:
    """The commune map as st_folium would show it with use_container_width=True; its parts are
    rendered once and cached (ui/folium_render.py), so a filter change or a click re-renders
    only the small focus layer. A country shows districts until a province (or a district) is
    chosen, then that province's communes (cccd/detail.py). `report_drawn`: the map reports,
    once, when it has been drawn (session_state[DRAWN_KEY], see map_first)."""
    if report_drawn:
        returned_objects = (*returned_objects, DRAWN_SIGNAL)
        on_change = _drawn_then(on_change)
    scope = cached.map_scope(
        province_code, view.district_code, st.session_state.get("focus_commune")
    )
    layers = [
        cached.commune_layer_render(as_of, metric, t.language, view.mode, view.newly_done, scope),
        cached.focus_layer_render(view.district_code, view.selected),
    ]
    return folium_render.show(
        cached.base_map_render(basemap),
        layers,
        key=key,
        height=height,
        returned_objects=list(returned_objects),
        center=center,
        zoom=zoom,
        on_change=on_change,
    )


def _drawn_then(on_change: Callable[[], None] | None) -> Callable[[], None]:
    def drawn() -> None:
        st.session_state[DRAWN_KEY] = True
        if on_change is not None:
            on_change()

    return drawn


def map_view(
    extents: pd.DataFrame, district_code: str | None, province_code: str | None = None
) -> tuple:
    """Centre and zoom: the searched commune, else the chosen district, else the province,
    else the city (or country). `extents`: cached.map_extents()."""
    focus = st.session_state.get("focus_commune")
    if focus in extents.index:
        return (extents.at[focus, "y"], extents.at[focus, "x"]), 13.0
    for codes in (
        [district_code] if district_code else [],
        cached.province_districts(province_code) if province_code else [],
    ):
        shapes = extents[extents["district_code"].isin(codes)]
        if not shapes.empty:
            return mapview.view_for(mapview.bounds_of(shapes))
    return mapview.view_for(mapview.bounds_of(extents))


def commune_details(t: Translator, communes: pd.DataFrame, code: str | None) -> None:
    """The selected commune's figures, or a hint to click one."""
    rows = communes.iloc[0:0] if code is None else communes[communes["commune_code"] == code]
    if rows.empty:
        st.caption(t("details.hint"))
        return
    row = rows.iloc[0]
    with st.container(border=True, key="commune_details"):
        st.markdown(f"#### {row.commune_name}")
        st.caption(t("details.code", district=row.district_name, code=row.commune_code))
        st.metric(t("details.delivered"), f"{t.number(row.delivered)} / {t.number(row.target)}")
        st.metric(t("details.completion"), t.percent(row.completion))
        st.metric(t("details.activation"), t.percent(row.activation))
        st.html(commune_status.status_html(t, bool(row.at_target), row.last_report))
