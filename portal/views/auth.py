from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from ..forms import LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


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
