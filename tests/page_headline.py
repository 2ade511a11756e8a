"""The map page's headline (title, notices, figures), read from its st.html block as a person
would read it: the texts, not the markup (cccd.headline writes it)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest


@dataclass
class Headline:
    title: str
    notices: dict[str, str]  # kind ("warning", "info", "caption") → its text
    metrics: dict[str, str]  # label → value


class _Reader(HTMLParser):
    """Collects the text of the title, each note and each label and value, by class."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = (dict(attrs).get("class") or "").split()
        role = (
            "title"
            if tag == "h1"
            else next(
                (
                    c
                    for c in classes
                    if c in ("warning", "info", "caption", "label", "value", "icon")
                ),
                "",
            )
        )
        self.stack.append(role or (self.stack[-1] if self.stack else ""))
        if role and role != "icon":
            self.texts.append((role, ""))

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        role = self.stack[-1] if self.stack else ""
        if role and role != "icon" and self.texts and self.texts[-1][0] == role:
            self.texts[-1] = (role, self.texts[-1][1] + data)


def headline(app: AppTest) -> Headline:
    """The headline block of the page `app` ran."""
    (body,) = [el.proto.body for el in app.get("html") if 'class="cccd-head"' in el.proto.body]
    reader = _Reader()
    reader.feed(body)
    texts = reader.texts
    labels = [text for role, text in texts if role == "label"]
    values = [text for role, text in texts if role == "value"]
    return Headline(
        title=next(text for role, text in texts if role == "title"),
        notices={role: text for role, text in texts if role in ("warning", "info", "caption")},
        metrics=dict(zip(labels, values, strict=True)),
    )
