"""Text a person types in decomposed form (a Mac, some PDFs) is stored composed (NFC),
whether it comes through a form, a service or the admin."""

import unicodedata

import pytest
from django.urls import reverse

from collaborators.models import Collaborator
from collaborators.services import collaborator_create
from portal.forms import ComposedTextMixin
from portal.models import Unit
from tests.collaborators.test_roster_views import form_data

pytestmark = pytest.mark.django_db

NAME = "Nguyễn Thị Ánh Tuyết"
DECOMPOSED = unicodedata.normalize("NFD", NAME)


def test_the_test_name_really_is_decomposed():
    assert DECOMPOSED != NAME and len(DECOMPOSED) > len(NAME)


def test_a_name_typed_decomposed_in_a_form_is_stored_composed(client_for, accounts, units):
    client_for(accounts["officer"]).post(
        reverse("collaborators:create"),
        form_data(units["BK"], full_name=DECOMPOSED, notes=f"Gặp {DECOMPOSED}"))
    person = Collaborator.objects.get()
    assert person.full_name == NAME and person.notes == f"Gặp {NAME}"
    assert Collaborator.objects.filter(full_name=NAME).exists()


def test_a_service_stores_composed_text(accounts, units):
    data = {"unit": units["BK"], "full_name": DECOMPOSED, "network_role": "reporter",
            "group": "lecturer", "phone": "0903123456", "email": "tuyet@example.vn",
            "status": "active", "position": unicodedata.normalize("NFD", "Giảng viên")}
    person = collaborator_create(data=data, by=accounts["officer"])
    person.refresh_from_db()
    assert (person.full_name, person.position) == (NAME, "Giảng viên")
    assert person.history.first().full_name == NAME  # the kept version too


def test_the_admin_stores_composed_text(client_for, accounts, units):
    unit = units["BK-CK"]
    client = client_for(accounts["admin"])
    url = reverse("admin:portal_unit_change", args=[unit.pk])
    form = client.get(url).context["adminform"].form
    data = {name: ("" if form[name].value() is None else form[name].value())
            for name in form.fields}
    data = {k: v for k, v in data.items() if v is not False}
    data["name"] = unicodedata.normalize("NFD", "Khoa Cơ khí – Tổ Đường sắt")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Unit.objects.get(pk=unit.pk).name == "Khoa Cơ khí – Tổ Đường sắt"


def test_a_forms_own_checks_see_composed_text():
    from django import forms

    class NameForm(ComposedTextMixin, forms.Form):
        name = forms.CharField()

        def clean_name(self):
            if self.cleaned_data["name"] != NAME:
                raise forms.ValidationError("not composed")
            return self.cleaned_data["name"]

    assert NameForm(data={"name": DECOMPOSED}).is_valid()


def test_a_password_is_checked_exactly_as_typed(client, accounts):
    """Composing a password would lock out whoever set it decomposed."""
    member = accounts["member"]
    member.set_password(DECOMPOSED + "9")
    member.save()
    response = client.post(reverse("login"), {"username": "member",
                                              "password": DECOMPOSED + "9"})
    assert response.status_code == 302
