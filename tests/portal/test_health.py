from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_heartbeats(db):
    """Start from no live worker, whatever a worker started elsewhere left behind."""
    WorkerHeartbeat.objects.all().delete()


def test_healthz_is_503_when_no_worker_has_a_heartbeat(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "up"
    assert response.json()["worker"] == "down"


def test_healthz_is_200_with_a_fresh_heartbeat(client):
    WorkerHeartbeat.objects.create(hostname="celery@a", seen_at=timezone.now())
    response = client.get(reverse("healthz"))
    assert response.status_code == 200, response.json()
    assert response.json() | {"workers": None} == {
        "status": "ok", "database": "up", "broker": "up", "worker": "up", "workers": None}


def test_a_stale_heartbeat_means_the_worker_is_down(client, settings):
    WorkerHeartbeat.objects.create(
        hostname="celery@a", seen_at=timezone.now() - settings.WORKER_STALE_AFTER - timedelta(1))
    assert client.get(reverse("healthz")).json()["worker"] == "down"


def test_an_unreachable_broker_is_reported(client, monkeypatch):
    from portal.celery import app

    WorkerHeartbeat.objects.create(hostname="celery@a", seen_at=timezone.now())
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_the_embedded_broker_makes_its_own_folders(tmp_path, settings):
    from portal.celery import _make_broker_folders, app

    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(tmp_path / "q"), "control_folder": str(tmp_path / "c")}
    _make_broker_folders(app)
    assert (tmp_path / "q").is_dir() and (tmp_path / "c").is_dir()


def test_anonymous_callers_get_the_state_without_host_names(client):
    WorkerHeartbeat.objects.create(hostname="celery@secret-host-7", seen_at=timezone.now())
    response = client.get(reverse("healthz"))
    assert response.json()["worker"] == "up"
    assert "secret-host-7" not in response.content.decode()


@pytest.mark.parametrize("role, sees", [("member", False), ("officer", False),
                                        ("committee", True), ("admin", True)])
def test_only_staff_and_the_committee_see_worker_host_names(client_for, accounts, role, sees):
    WorkerHeartbeat.objects.create(hostname="celery@secret-host-7", seen_at=timezone.now())
    response = client_for(accounts[role]).get(reverse("healthz"))
    assert response.json()["worker"] == "up"
    assert ("secret-host-7" in response.content.decode()) is sees
