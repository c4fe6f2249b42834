"""The body is stored as written and shown through portal.markup: nothing that runs or
loads from elsewhere reaches the page."""

import pytest
from django.urls import reverse

from directives.practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

ATTACK = """### Cách làm

<script>alert('x')</script>
<p onclick="steal()">Bấm vào đây</p>
<img src="https://evil.example/track.png" onerror="steal()">
![ảnh](https://evil.example/pixel.gif)
<iframe src="https://evil.example/"></iframe>
[xem thêm](javascript:alert(1))
<a href="javascript:steal()">liên kết</a>
<style>body{display:none}</style>
<svg onload="steal()"></svg>

**Kết quả tốt**: [văn bản gốc](https://vnuhcm.edu.vn/)
"""


def test_script_handlers_remote_images_frames_and_javascript_links_are_gone(
        units, accounts, client_for):
    officer = accounts["officer"]
    practice = make_practice(units["BK"], officer, body=ATTACK)
    assert Practice.objects.get(pk=practice.pk).body == ATTACK  # stored as written
    page = client_for(accounts["member"]).get(reverse("practices:detail", args=[practice.pk]))
    assert page.status_code == 200
    body = page.content.decode().split('class="practice-body', 1)[1].split("</div>", 1)[0]
    for bad in ("<script", "alert(", "onclick", "onerror", "onload", "<img", "evil.example",
                "<iframe", "javascript:", "<style", "<svg", "steal("):
        assert bad not in body, bad
    assert "<strong>Kết quả tốt</strong>" in body
    assert 'href="https://vnuhcm.edu.vn/"' in body and "noopener" in body
    assert "<h3>Cách làm</h3>" in body


def test_the_library_summary_shows_no_markup(units, accounts, client_for):
    make_practice(units["BK"], accounts["officer"],
                  summary="<script>alert(1)</script>Tóm tắt")
    page = client_for(accounts["member"]).get(reverse("practices:library"))
    assert b"<script>alert(1)" not in page.content
