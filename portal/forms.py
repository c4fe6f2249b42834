from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Unit
from .text import nfc


def composed(data, keep: frozenset[str] = frozenset()):
    """A copy of submitted form data with every text value in composed form (NFC),
    except under the names in `keep`."""
    if hasattr(data, "lists"):  # a QueryDict: keep every value of a repeated key
        copy = data.copy()
        for key, values in data.lists():
            if key not in keep:
                copy.setlist(key, [nfc(value) for value in values])
        return copy
    return {key: value if key in keep else nfc(value) for key, value in data.items()}


class ComposedTextMixin:
    """Put first among a form's bases: its fields, `clean_*` methods and uniqueness
    checks see the text composed (NFC), as it will be stored (see portal.signals).
    Passwords are left exactly as typed: their hashes were made from the typed text."""

    def full_clean(self) -> None:
        if self.is_bound:
            secret = frozenset(self.add_prefix(name) for name, field in self.fields.items()
                               if isinstance(field.widget, forms.PasswordInput))
            self.data = composed(self.data, keep=secret)
        super().full_clean()


class LoginForm(ComposedTextMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Username or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        # One message for an unknown account and a wrong password: no hint which it was.
        "invalid_login": _("The username/email or password is incorrect. Please try again."),
        "inactive": _("This account is disabled. Please contact your union office."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Django's form, in the portal's words (its Vietnamese reads as machine translation)."""

    error_messages = {
        **auth_forms.SetPasswordForm.error_messages,
        "password_mismatch": _("The two new passwords do not match. Please type them again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password, once more")
        self.fields["new_password2"].help_text = ""  # the label says it already


class PasswordChangeForm(SetPasswordForm, auth_forms.PasswordChangeForm):
    error_messages = {
        **SetPasswordForm.error_messages,
        "password_incorrect": _("The current password is not right. Please type it again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")


class MemberCountForm(ComposedTextMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["member_count"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_count"].widget.attrs.update({"min": 0, "max": 200000})
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_member_count(self) -> int:
        value = self.cleaned_data["member_count"]
        if value > 200000:
            raise forms.ValidationError(
                _("A unit cannot have more than 200,000 members; please check the number."),
                code="too_many",
            )
        return value
