from django.shortcuts import render

from ..permissions import role_required
from ..selectors import audit_entries, audit_models


@role_required()  # committee (and administrators) only
def audit_log(request):
    models = audit_models()
    chosen = request.GET.get("model") or None
    if chosen not in {label for label, _ in models}:
        chosen = None
    return render(
        request,
        "portal/audit_log.html",
        {"entries": audit_entries(model_label=chosen, limit=100), "models": models,
         "chosen": chosen},
    )
