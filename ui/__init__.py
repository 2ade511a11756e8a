"""The app's UI layer: what the pages share (cached entry points, widgets, the map's rendering,
the import page's parts) and the server's shell (language, URL state, Streamlit's own texts, the
middleware). Imports point one way: app.py → pages → ui → loaders → cccd; nothing here imports a
page, and nothing here runs on its own.
"""
