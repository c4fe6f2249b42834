from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..forms import LoginForm, PasswordChangeForm, SetPasswordForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


# The password pages under titles of our own: Django's Vietnamese catalogue calls them
# "Lập lại mật khẩu", "Đặt lại mật khẩu hoàn chỉnh", and an unsuccessful reset
# "Đặt lại mật khẩu thành công".
class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    extra_context = {"title": gettext_lazy("Change your password")}


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    extra_context = {"title": gettext_lazy("Your password is changed")}


class PasswordResetView(auth_views.PasswordResetView):
    extra_context = {"title": gettext_lazy("Forgot your password")}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    extra_context = {"title": gettext_lazy("Check your email")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = (_("Set a new password") if context.get("validlink")
                            else _("This link no longer works"))
        return context


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    extra_context = {"title": gettext_lazy("Your new password is set")}


class LogoutView(auth_views.LogoutView):
    """Logging out also empties what the browser keeps for this site (unfinished survey
    answers and other drafts), for the next person on a shared computer or phone: the
    Clear-Site-Data header where the browser honours it (HTTPS, localhost), and the login
    page it lands on, marked `?dang_xuat=1`, clears the storage with a script anyway."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"storage"'
        if response.status_code == 302 and "?" not in response["Location"]:
            response["Location"] += "?dang_xuat=1"
        return response


def lockout(request, credentials=None, *args, **kwargs):
    """Axes calls this when an account is locked: say so, and say when to try again."""
    from django.conf import settings

    retry_at = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    return render(
        request,
        "registration/locked_out.html",
        {
            "retry_at": retry_at,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "title": _("Too many failed logins"),
        },
        status=429,
    )
