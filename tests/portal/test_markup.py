"""The markdown subset keeps the writing and removes every way to run code or load content."""

import pytest

from portal.markup import plain, render

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="https://evil.example/x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    "[bấm](javascript:alert(1))",
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(https://evil.example/)">x</p>',
    '<svg onload="alert(1)"><circle/></svg>',
    "![ảnh](https://evil.example/pixel.gif)",
    '<div onclick="alert(1)">x</div>',
    '<object data="https://evil.example/x.swf"></object>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_nothing_that_runs_or_loads_survives(attack):
    html = str(render("Đầu bài\n\n" + attack))
    lowered = html.lower()
    for forbidden in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<img",
                      "style=", "<svg", "<object", "evil.example/x.png", "pixel.gif"):
        assert forbidden not in lowered, (attack, html)
    assert "Đầu bài" in html


def test_the_subset_keeps_what_a_writer_uses():
    text = "# Tiêu đề\n\nMột **điểm** và *nhấn*.\n\n- một\n- hai\n\n[Quy chế](/thong-tin/)"
    html = str(render(text))
    assert "<h3>Tiêu đề</h3>" in html
    assert "<strong>điểm</strong>" in html and "<em>nhấn</em>" in html
    assert "<li>một</li>" in html
    assert 'href="/thong-tin/"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_script_content_is_dropped_not_shown_as_text():
    assert "alert" not in str(render("<script>alert('x')</script>"))


def test_plain_gives_the_words_for_emails_and_summaries():
    assert plain("**Lịch** họp <script>x()</script> ngày 5") == "Lịch họp ngày 5"
    assert plain("một hai ba bốn năm", limit=8) == "một hai…"
