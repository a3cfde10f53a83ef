"""Markdown becomes sanitised HTML; raw HTML and unsafe links never survive."""

from __future__ import annotations

import pytest

from briefgen.content.richtext import block, inline, plain


def test_emphasis_and_links() -> None:
    assert inline("*a* **b** [c](https://example.org)") == (
        '<em>a</em> <strong>b</strong> <a href="https://example.org" rel="noopener noreferrer">c</a>')


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://example.org></iframe>",
    "<style>body{display:none}</style>",
])
def test_raw_html_is_shown_as_text(text: str) -> None:
    rendered = str(block(text))
    assert "<script" not in rendered and "<img" not in rendered and "<iframe" not in rendered
    assert "<style" not in rendered and "&lt;" in rendered


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "/etc/passwd",
                                 "JaVaScRiPt:alert(1)", "vbscript:x"])
def test_unsafe_link_targets_are_dropped(url: str) -> None:
    rendered = str(inline(f"[x]({url})"))
    assert "href" not in rendered and ">x</a>" in rendered


@pytest.mark.parametrize("url", ["https://a.example", "http://a.example", "mailto:a@b.example", "#key-messages"])
def test_safe_link_targets_are_kept(url: str) -> None:
    assert f'href="{url}"' in str(inline(f"[x]({url})"))


def test_block_keeps_paragraphs_and_lists() -> None:
    assert str(block("one\n\n- a\n- b")) == "<p>one</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_plain_text_for_metadata() -> None:
    assert plain('*Primary* care "buy-in" & <b>') == "Primary care \u201cbuy-in\u201d & <b>"
