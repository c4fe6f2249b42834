from django.contrib.auth.password_validation import MinimumLengthValidator as Base
from django.utils.translation import ngettext


class MinimumLengthValidator(Base):
    """Django 5.2's message for this rule has no Vietnamese translation yet; ours has."""

    def get_error_message(self) -> str:
        return ngettext(
            "The password is too short: it needs at least %(min_length)d character.",
            "The password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
