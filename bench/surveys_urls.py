"""The portal's URLs plus two reference views, for the surveys benchmark only."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.urls import urlpatterns as portal_urlpatterns


@csrf_exempt
def bare(request):
    """The floor: a Django view that does nothing, behind the same middleware."""
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
def bare_write(request):
    """The floor of a durable write: one row committed by one statement, nothing checked."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_write (body) VALUES (%s)", [request.POST.get("x", "")])
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("bench/write/", bare_write),
               *portal_urlpatterns]
