"""The cached map render sends streamlit-folium's component exactly what st_folium would."""

import re

import pytest
import streamlit_folium as sf

from cccd import mapview
from cccd.progress import commune_progress
from cccd.sample import generate_sample_reports
from loaders import catalogue, reference
from ui import folium_render

T = catalogue.translator("en", strict=True)


def _features():
    units = reference.units()
    reports = generate_sample_reports(units, reference.population())
    as_of = reports["as_of"].max().date()
    progress = commune_progress(reports, units, as_of)
    return mapview.map_features(T, reference.default_communes(), progress, "delivered", as_of)


def _normalised(sent: dict) -> dict:
    """folium names elements with random hex ids; the rest must match exactly."""
    sent = dict(sent)
    sent.pop("on_change")
    return {
        name: re.sub(r"[0-9a-f]{32}", "<id>", value) if isinstance(value, str) else value
        for name, value in sent.items()
        if name not in ("key", "id")
    }


@pytest.fixture
def captured(monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(sf, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.mark.parametrize("returned", [(), ("last_active_drawing",)])
def test_show_sends_what_st_folium_sends(captured, returned):
    features = _features()
    view = mapview.LayerView(district_code="001", selected="00001")

    def build():
        layers = [mapview.commune_layer(T, features, view), mapview.focus_layer(features, view)]
        return mapview.base_map(reference.districts()), layers

    fmap, layers = build()
    sf.st_folium(
        fmap,
        feature_group_to_add=layers,
        key="map",
        height=680,
        use_container_width=True,
        returned_objects=list(returned),
        center=(21.0, 105.8),
        zoom=12.0,
    )
    fmap, layers = build()
    folium_render.show(
        folium_render.render_map(fmap),
        [folium_render.render_layer(layer, idx) for idx, layer in enumerate(layers)],
        key="map",
        height=680,
        returned_objects=list(returned),
        center=(21.0, 105.8),
        zoom=12.0,
    )
    ours, theirs = captured[1], captured[0]
    assert _normalised(ours) == _normalised(theirs)
    assert "feature_group_feature_group_0" in ours["feature_group"]
    assert '"commune_code": "00001"' in ours["feature_group"]
    assert "feature_group_feature_group_1" in ours["feature_group"]  # the focus veil


def test_a_kept_layer_is_built_once_per_content():
    """The commune layer's script, kept: its build is wrapped in a function keyed by the
    script's hash and is left out of st_folium's list of groups it removes on every change."""
    features = _features()
    view = mapview.LayerView()
    plain = folium_render.render_layer(mapview.commune_layer(T, features, view), 0)["script"]
    kept = [
        folium_render.render_layer(mapview.commune_layer(T, features, v), 0, kept=True)["script"]
        for v in (view, view, mapview.LayerView(mode="remaining"))
    ]
    assert kept[0] == kept[1] and kept[0] != kept[2]
    key = re.search(r'"([0-9a-f]{16})", build_feature_group_feature_group_0\)', kept[0])
    assert key and key.group(1) not in kept[2]
    assert "window.feature_group.push" in plain and "window.feature_group" not in kept[0]
    assert '"commune_code": "00001"' in kept[0]
    assert kept[0].startswith("function build_feature_group_feature_group_0() {")
