"""Django's password rules with the portal's own wording: Django 5.2's Vietnamese leaves
some untranslated and addresses people as "bạn"; staff are "anh/chị" here."""

from django.contrib.auth import password_validation as django_rules
from django.utils.translation import gettext, ngettext


class MinimumLengthValidator(django_rules.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "The password is too short: it needs at least %(min_length)d character.",
            "The password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "At least %(min_length)d character.",
            "At least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_help_text(self) -> str:
        return gettext("Not close to your name, username or email address.")


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    def get_help_text(self) -> str:
        return gettext("Not a commonly used password.")


class NumericPasswordValidator(django_rules.NumericPasswordValidator):
    def get_help_text(self) -> str:
        return gettext("Not digits only.")
