from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from ..selectors import broker_ok, database_ok, live_workers


def _may_see_hosts(user) -> bool:
    """Host names tell an outsider how the service is laid out: only staff and the
    committee see them; everyone else (the load balancer too) gets the state alone."""
    return user.is_authenticated and (user.is_staff or user.is_committee)


@never_cache
def healthz(request):
    """Machine-readable state of the database, the broker and the workers."""
    workers = live_workers()
    checks = {
        "database": "up" if database_ok() else "down",
        "broker": "up" if broker_ok() else "down",
        "worker": "up" if workers else "down",
    }
    healthy = all(state == "up" for state in checks.values())
    if _may_see_hosts(request.user):
        checks["workers"] = workers
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", **checks},
        status=200 if healthy else 503,
    )
