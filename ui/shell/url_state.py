"""The view in the URL (?date=2023-05-29&metric=activated&district=268): a copied link opens it.

The page is the URL's path and the language its own ?lang=; these settings complete the view
(?province= only where the dataset has several provinces).
"""

from collections.abc import Collection, Mapping
from datetime import date

import streamlit as st

PARSERS = {
    "date": date.fromisoformat, "metric": str, "province": str, "district": str, "mode": str,
}  # fmt: skip


def restore(widget_keys: Mapping[str, str], options: Mapping[str, Collection]) -> None:
    """Before the widgets: on a session's first run, take each setting from the URL if valid.

    widget_keys maps URL names (date, metric, province, district, mode) to this page's widget
    keys; options gives each name's valid values.
    """
    for name, key in widget_keys.items():
        if key in st.session_state or name not in st.query_params:
            continue
        try:
            value = PARSERS[name](st.query_params[name])
        except ValueError:
            continue  # a mistyped link opens the default view rather than failing
        if value in options[name]:
            st.session_state[key] = value


def remember(values: Mapping[str, object], defaults: Mapping[str, object]) -> None:
    """After the widgets: write the view into the URL; defaults are left out (shorter links)."""
    for name, value in values.items():
        text = value.isoformat() if isinstance(value, date) else value
        if value is None or value == defaults.get(name):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != text:
            st.query_params[name] = text
