import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
WRONG = "Tên đăng nhập/email hoặc mật khẩu không đúng"


@pytest.mark.parametrize(
    "login", ["officer", "officer@demo.vnuhcm.edu.vn", "OFFICER@demo.vnuhcm.edu.vn"]
)
def test_login_by_username_or_email(client, accounts, login):
    response = client.post(LOGIN, {"username": login, "password": "demo12345"}, follow=True)
    assert response.context["user"] == accounts["officer"]
    assert "Xin chào" in response.content.decode()


def test_wrong_password_and_unknown_account_get_the_same_message(client, accounts):
    wrong = client.post(LOGIN, {"username": "officer", "password": "nope"}).content.decode()
    unknown = client.post(LOGIN, {"username": "nobody", "password": "nope"}).content.decode()
    assert WRONG in wrong and WRONG in unknown
    assert "không tồn tại" not in unknown


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_and_say_when_to_retry(client, accounts):
    for _ in range(2):
        client.post(LOGIN, {"username": "officer", "password": "bad"})
    locked = client.post(LOGIN, {"username": "officer", "password": "bad"})
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in text and "vui lòng thử lại sau" in text.lower()
    # Even the right password is refused while locked.
    again = client.post(LOGIN, {"username": "officer", "password": "demo12345"})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client_for, accounts):
    client = client_for(accounts["member"])
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_pages_need_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_password_reset_sends_a_vietnamese_link_only_for_known_addresses(client, accounts):
    client.post(reverse("password_reset"), {"email": "member@demo.vnuhcm.edu.vn"})
    client.post(reverse("password_reset"), {"email": "stranger@example.com"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["member@demo.vnuhcm.edu.vn"]
    assert "mật khẩu mới" in message.body and "/tai-khoan/dat-lai/" in message.body


def test_password_change_refuses_a_weak_password(client_for, accounts):
    client = client_for(accounts["member"])
    response = client.post(reverse("password_change"), {
        "old_password": "demo12345", "new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200
    assert "quá ngắn" in response.content.decode()
    accounts["member"].refresh_from_db()
    assert accounts["member"].check_password("demo12345")


def test_an_idle_session_ends_and_the_cookie_dies_with_the_browser(client, accounts):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.post(reverse("login"), {"username": "member", "password": "demo12345"})
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]  # gone when the browser closes
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date <= timezone.now() + timedelta(hours=12)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - timedelta(seconds=1))  # idle past its age
    assert client.get(reverse("home")).status_code == 302


SPELLINGS = ["officer2", "Officer2", "  OFFICER2 ", "officer2@demo.vnuhcm.edu.vn",
             "Officer2@Demo.VNUHCM.edu.vn"]


def _lock_officer2(client, typed: str) -> None:
    for _ in range(3):
        client.post(LOGIN, {"username": typed, "password": "bad"})


@override_settings(AXES_FAILURE_LIMIT=3)
@pytest.mark.parametrize("locked_as", ["officer2", "OFFICER2", "officer2@demo.vnuhcm.edu.vn"])
def test_the_lock_holds_under_every_spelling_of_the_account(client, accounts, locked_as):
    _lock_officer2(client, locked_as)
    for typed in SPELLINGS:
        response = client.post(LOGIN, {"username": typed, "password": "demo12345"})
        assert response.status_code == 429, typed
        assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_under_different_spellings_add_up_to_one_lock(client, accounts):
    for typed in SPELLINGS[:3]:
        client.post(LOGIN, {"username": typed, "password": "bad"})
    response = client.post(LOGIN, {"username": "officer2", "password": "demo12345"})
    assert response.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_guessing_spellings_of_an_unknown_name_is_locked_too(client, accounts):
    for typed in ["ghost", "Ghost", " GHOST "]:
        client.post(LOGIN, {"username": typed, "password": "bad"})
    assert client.post(LOGIN, {"username": "gHoSt", "password": "x"}).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lock_is_per_client_address(client, accounts):
    _lock_officer2(client, "officer2")
    other = client.post(LOGIN, {"username": "Officer2", "password": "demo12345"},
                        REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_success_under_another_spelling_does_not_clear_the_failures(client, accounts):
    for _ in range(2):
        client.post(LOGIN, {"username": "officer2", "password": "bad"})
    # Two failures, then a success by email: the success resets the account's count...
    ok = client.post(LOGIN, {"username": "OFFICER2@demo.vnuhcm.edu.vn", "password": "demo12345"})
    assert ok.status_code == 302
    client.post(reverse("logout"))
    # ...and a later lock still counts every spelling as the same account.
    _lock_officer2(client, "Officer2")
    assert client.post(LOGIN, {"username": "officer2@demo.vnuhcm.edu.vn",
                               "password": "demo12345"}).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3, PORTAL_PROXY_COUNT=1)
def test_behind_a_proxy_the_lock_is_keyed_on_the_client_not_the_proxy(client, accounts):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(3):
        client.post(LOGIN, {"username": "officer2", "password": "bad"},
                    HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    # The same client, even claiming another address in front of the proxy's entry, is locked.
    spoofed = client.post(LOGIN, {"username": "officer2", "password": "demo12345"},
                          HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", **proxy)
    assert spoofed.status_code == 429
    # Another client behind the same proxy is not.
    other = client.post(LOGIN, {"username": "officer2", "password": "demo12345"},
                        HTTP_X_FORWARDED_FOR="203.0.113.99", **proxy)
    assert other.status_code == 302
