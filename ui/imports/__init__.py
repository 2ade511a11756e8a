"""The import page's parts: its widgets, the column mapping, and the actions it runs."""
