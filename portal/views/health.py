from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from ..selectors import broker_ok, database_ok, live_workers


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
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", **checks, "workers": workers},
        status=200 if healthy else 503,
    )
