from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .text import nfc


def find_account(login: str):
    """The account a login string names: its username or email address, in any case,
    with surrounding spaces ignored. None when no account matches."""
    login = nfc(login or "").strip()
    if not login:
        return None
    field = "email__iexact" if "@" in login else "username__iexact"
    return get_user_model()._default_manager.filter(**{field: login}).first()


def lockout_username(request, credentials=None) -> str:
    """The name django-axes counts failures under (AXES_USERNAME_CALLABLE).

    Login accepts any case, spaces and the email address, so the lock must be keyed on
    the account those spellings reach, not on the text typed: otherwise `Officer2` logs
    in while `officer2` is locked, and a success under one spelling clears another's
    lock. A name that reaches no account is folded the same way, so guessing spellings
    of an unknown name does not multiply the attempts either."""
    if credentials:
        typed = credentials.get("username")
    else:
        typed = getattr(request, "POST", {}).get("username")
    account = find_account(typed or "")
    if account is not None:
        return account.get_username()
    return nfc(typed or "").strip().casefold()


class EmailOrUsernameBackend(ModelBackend):
    """Log in with either the username or the email address (case-insensitive)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_account(username)
        if user is None:
            # Spend the same time as a real check so timing does not reveal the account.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def client_address(request) -> str:
    """The address the login lock is keyed on (AXES_CLIENT_IP_CALLABLE).

    Behind N reverse proxies (PORTAL_PROXY_COUNT) every request comes from the nearest
    proxy, so REMOTE_ADDR would put every client under one lock. Each proxy appends the
    address it received the request from to X-Forwarded-For, so the client is the N-th
    entry from the right; the entries to its left are whatever the client sent and are
    never trusted. Without proxies, REMOTE_ADDR."""
    from django.conf import settings

    proxies = getattr(settings, "PORTAL_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else remote
