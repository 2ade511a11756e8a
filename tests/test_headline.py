"""The map page's headline block (cccd.headline): the texts as written, Markdown only where the
catalogue uses it, nothing from a user's text read as markup."""

import pytest

from cccd.headline import headline_html, inline_markdown


@pytest.mark.parametrize(
    "text, html",
    [
        ("**Simulated** figures", "<strong>Simulated</strong> figures"),
        ("on the *Commune boundaries* page.", "on the <em>Commune boundaries</em> page."),
        ("3*4 and 2 * 5, a_b_c", "3*4 and 2 * 5, a_b_c"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        # ui.plain's escapes: a file named like Markdown shows as written
        (r"\!\[i\]\(http\:\/\/x\) \*\*b\*\*", "![i](http://x) **b**"),
        (r"a \<b\> c", "a &lt;b&gt; c"),
    ],
)
def test_inline_markdown(text, html):
    assert inline_markdown(text) == html


def test_the_block_holds_the_texts_in_order_and_escapes_them():
    block = headline_html(
        "Tiến độ <b>CCCD</b>",
        [("warning", "**Mô phỏng**"), ("info", "gần đúng"), ("caption", "Ranh giới: a&b")],
        [("Xã/phường đạt chỉ tiêu", "45 / 579"), ("<i>x</i>", "1 / 30")],
    )
    assert "<h1>Tiến độ &lt;b&gt;CCCD&lt;/b&gt;" in block
    order = ["<strong>Mô phỏng</strong>", "gần đúng", "Ranh giới: a&amp;b", "45 / 579"]
    positions = [block.index(text) for text in order]
    assert positions == sorted(positions)
    assert '<div class="label">&lt;i&gt;x&lt;/i&gt;</div>' in block
    assert block.count('class="icon"') == 2  # the warning's and the info's, not the caption's
