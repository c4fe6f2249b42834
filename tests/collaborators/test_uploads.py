"""Decision scans: PDF or image only, size-limited, stored privately, served only to those
who may see the collaborator."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collaborators.models import Collaborator

from .factories import CollaboratorFactory
from .test_roster_views import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def upload(client, person, name, content, content_type="application/pdf"):
    data = form_data(person.unit, full_name=person.full_name, phone=person.phone,
                     email=person.email, status_since=str(person.status_since),
                     account=person.account_id or "")
    data["decision_file"] = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse("collaborators:edit", args=[person.pk]), data)


def test_a_pdf_is_stored_privately_and_served_through_the_permission_check(
        client_for, accounts, units, _private_media):
    person = CollaboratorFactory(unit=units["BK-CK"])
    client = client_for(accounts["officer"])
    assert upload(client, person, "QĐ 12.PDF", PDF).status_code == 302
    person.refresh_from_db()
    stored = _private_media / person.decision_file.name
    assert stored.read_bytes() == PDF
    assert "QĐ" not in person.decision_file.name  # a random name, nothing about the person
    url = reverse("collaborators:decision", args=[person.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(accounts["committee"]).get(url).status_code == 200
    assert client_for(accounts["officer2"]).get(url).status_code == 404
    assert client_for(accounts["member"]).get(url).status_code == 404


def test_there_is_no_public_url_for_the_stored_file(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK"])
    client = client_for(accounts["officer"])
    upload(client, person, "qd.pdf", PDF)
    person.refresh_from_db()
    assert client.get("/" + person.decision_file.name).status_code == 404
    assert client.get("/media/" + person.decision_file.name).status_code == 404


def test_an_image_is_accepted(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK"])
    assert upload(client_for(accounts["officer"]), person, "qd.png", PNG,
                  "image/png").status_code == 302
    assert Collaborator.objects.get(pk=person.pk).decision_file.name.endswith(".png")


@pytest.mark.parametrize("name,content,message", [
    ("qd.exe", b"MZ\x90\x00", "PDF, JPG hoặc PNG"),
    ("qd.docx", b"PK\x03\x04", "PDF, JPG hoặc PNG"),
    ("qd.pdf", b"<html><script>alert(1)</script>", "không phải PDF"),
    ("qd.jpg", PDF, "không phải JPG"),
])
def test_other_files_are_refused(client_for, accounts, units, name, content, message,
                                 _private_media):
    person = CollaboratorFactory(unit=units["BK"])
    response = upload(client_for(accounts["officer"]), person, name, content)
    assert message in " ".join(response.context["form"].errors["decision_file"])
    assert not Collaborator.objects.get(pk=person.pk).decision_file
    assert not any(_private_media.rglob("*.*"))


def test_a_file_over_the_size_limit_is_refused(client_for, accounts, units, settings):
    settings.COLLABORATORS_UPLOAD_MAX_MB = 1
    person = CollaboratorFactory(unit=units["BK"])
    response = upload(client_for(accounts["officer"]), person, "qd.pdf",
                      PDF + b"0" * (1024 * 1024))
    assert "Tệp lớn hơn 1 MB." in response.context["form"].errors["decision_file"]


def test_the_collaborator_sees_their_own_decision(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK"], account=accounts["collaborator"])
    upload(client_for(accounts["officer"]), person, "qd.pdf", PDF)
    url = reverse("collaborators:decision", args=[person.pk])
    assert client_for(accounts["collaborator"]).get(url).status_code == 200


def test_no_file_gives_not_found(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK"])
    url = reverse("collaborators:decision", args=[person.pk])
    assert client_for(accounts["officer"]).get(url).status_code == 404
