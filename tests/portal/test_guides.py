"""The user guide: one page per role, linked from the account menu, the reader's own
guide first, in Vietnamese."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OWN = {"committee": "Ban Thường vụ", "officer": "Cán bộ công đoàn",
       "collaborator": "Cộng tác viên dư luận", "member": "Đoàn viên"}
ADDRESSES = ["ban-thuong-vu", "can-bo-cong-doan", "cong-tac-vien", "doan-vien"]


@pytest.mark.parametrize("role", list(OWN))
def test_each_role_opens_its_own_guide_from_the_account_menu(client_for, accounts, role):
    client = client_for(accounts[role])
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("portal:help")}"' in home and "Hướng dẫn sử dụng" in home
    page = client.get(reverse("portal:help")).content.decode()
    assert f"<h1 class=\"h3\">Hướng dẫn sử dụng: {OWN[role]}</h1>" in page
    assert "Mỗi màn hình dùng để làm gì" in page and "Các việc thường làm" in page
    # Its own guide is listed first among the guides, marked as the reader's.
    listed = [page.index(name) for name in OWN.values()]
    assert min(listed) == page.index(OWN[role])
    assert f"{OWN[role]} <span class=\"small\">(của anh/chị)</span>" in page


@pytest.mark.parametrize("address", ADDRESSES)
def test_every_guide_reads_vietnamese(client_for, accounts, address):
    response = client_for(accounts["member"]).get(reverse("portal:help_role", args=[address]))
    assert response.status_code == 200
    text = response.content.decode()
    for english in ["What each screen is for", "Common tasks", "Open <strong>", "For everyone"]:
        assert english not in text
    assert " bạn " not in text


def test_an_unknown_guide_is_404_and_guides_need_login(client, client_for, accounts):
    assert client.get(reverse("portal:help")).status_code == 302
    assert client_for(accounts["member"]).get("/huong-dan/khong-co/").status_code == 404
