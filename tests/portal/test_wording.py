"""Staff are addressed as "anh/chị", and the password pages read as written Vietnamese,
not as Django's machine-like catalogue ("Lập lại mật khẩu", "Đặt lại mật khẩu hoàn
chỉnh", and an unsuccessful reset titled "thành công")."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

pytestmark = pytest.mark.django_db
MACHINE = ["Lập lại mật khẩu", "hoàn chỉnh", "thành công", "Mật khẩu cũ", " bạn", "Bạn "]


def test_no_catalogue_and_no_template_says_ban():
    base = Path(settings.BASE_DIR)
    catalogues = [p for p in base.glob("**/locale/vi/LC_MESSAGES/django.po")
                  if ".venv" not in p.parts and "node_modules" not in p.parts]
    assert len(catalogues) >= 5
    said = [f"{po}: {e.msgid}" for po in catalogues for e in polib.pofile(str(po))
            if re.search(r"\b[Bb]ạn\b", e.msgstr + " ".join(e.msgstr_plural.values()))]
    templates = [p for p in base.glob("**/templates/**/*.*")
                 if ".venv" not in p.parts and "node_modules" not in p.parts]
    said += [str(p) for p in templates
             if re.search(r"\b[Bb]ạn\b", p.read_text(encoding="utf-8"))]
    assert said == []


def page(client, url) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_password_reset_pages_read_well(client, accounts):
    member = accounts["member"]
    uid = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    pages = {
        reverse("password_reset"): "Quên mật khẩu",
        reverse("password_reset_done"): "Kiểm tra hộp thư",
        reverse("password_reset_complete"): "Đã đặt mật khẩu mới",
        reverse("password_reset_confirm", args=[uid, "sai-ma"]):
            "Đường liên kết không còn dùng được",
        reverse("password_reset_confirm", args=[uid, token]): "Đặt mật khẩu mới",
    }
    for url, title in pages.items():
        text = page(client, url)
        assert f"<h1 class=\"h4 mb-3\">{title}</h1>" in text, url
        assert not [w for w in MACHINE if w in text], url


def test_the_password_change_page_reads_well(client_for, accounts):
    client = client_for(accounts["member"])
    text = page(client, reverse("password_change"))
    assert "Mật khẩu hiện tại" in text and "Nhập lại mật khẩu mới" in text
    assert "Không chỉ gồm chữ số." in text and "Tối thiểu" in text
    assert not [w for w in MACHINE if w in text]
    wrong = client.post(reverse("password_change"), {
        "old_password": "sai", "new_password1": "Xuan-2026-abc", "new_password2": "Xuan-2026-abd"})
    errors = wrong.content.decode()
    assert "Mật khẩu hiện tại không đúng. Vui lòng nhập lại." in errors
    assert "Hai lần nhập mật khẩu mới không khớp nhau." in errors
    done = page(client, reverse("password_change_done"))
    assert "Đã đổi mật khẩu" in done
