"""Every label of every collaborators form reads Vietnamese, and the app's words for a
training (title, place...) stay in the app: the bare msgid "title" once read "Tên lớp tập
huấn" on the survey builder."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from collaborators import forms
from collaborators.models import Collaborator

pytestmark = pytest.mark.django_db

SAME_IN_BOTH = {"Email"}


def form_instances(user):
    return {
        "CollaboratorForm": forms.CollaboratorForm(user=user),
        "TrainingForm": forms.TrainingForm(user=user),
        "OpinionReportForm": forms.OpinionReportForm(),
        "EndForm": forms.EndForm(),
        "RosterFilterForm": forms.RosterFilterForm(user=user),
        "ReportFilterForm": forms.ReportFilterForm(user=user),
        "PeriodForm": forms.PeriodForm(user=user),
        "ImportUploadForm": forms.ImportUploadForm(),
        "CommentForm": forms.CommentForm(),
        "EscalateForm": forms.EscalateForm(),
        "AttendanceForm": forms.AttendanceForm(candidates=Collaborator.objects.none()),
    }


def labels(user, language):
    with translation.override(language):
        return {(name, field): str(bound.label) if bound.label else field
                for name, form in form_instances(user).items()
                for field, bound in form.fields.items()
                if not bound.widget.is_hidden}


def test_every_form_label_is_translated(accounts):
    english, vietnamese = labels(accounts["officer"], "en"), labels(accounts["officer"], "vi")
    untranslated = {key: text for key, text in vietnamese.items()
                    if text == english[key] and text not in SAME_IN_BOTH}
    assert untranslated == {}


def test_the_training_form_reads_as_a_training(accounts):
    with translation.override("vi"):
        form = forms.TrainingForm(user=accounts["officer"])
        shown = {name: str(field.label) for name, field in form.fields.items()}
    assert shown == {"title": "Tên lớp tập huấn", "held_on": "Ngày", "organiser": "Đơn vị tổ chức",
                     "hours": "Số giờ", "place": "Địa điểm", "content": "Nội dung"}


@pytest.mark.parametrize("word", ["title", "date", "place", "content", "hours", "organiser",
                                  "Conditions", "Ended", "End", "From", "To", "Clear", "Person",
                                  "Appointment", "Comment", "comment", "Problem", "never"])
def test_the_apps_words_do_not_spill_into_other_apps(word):
    """Django merges every app's catalogue; a bare msgid here would translate the same word
    on every page of the portal. Each of these has a message context instead."""
    import gettext as gnu
    from pathlib import Path

    from django.conf import settings

    import collaborators

    def catalogue(folder: Path) -> dict:
        with (folder / "locale/vi/LC_MESSAGES/django.mo").open("rb") as handle:
            return gnu.GNUTranslations(handle)._catalog

    own = catalogue(Path(collaborators.__file__).parent)
    assert word not in own
    # The contexted word is the app's own, or portal's for a shared piece (the period picker).
    shared = {**catalogue(Path(settings.BASE_DIR)), **own}
    assert any(isinstance(key, str) and key.endswith("\x04" + word) for key in shared)


def test_a_survey_title_is_not_a_training_class():
    with translation.override("vi"):
        assert gettext("title") != "tên lớp tập huấn"
