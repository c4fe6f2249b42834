from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..home import panels_for, todos_for


@login_required
def home(request):
    return render(
        request,
        "portal/home.html",
        {"todos": todos_for(request.user), "panels": panels_for(request.user)},
    )
