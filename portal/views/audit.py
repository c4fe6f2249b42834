from django.shortcuts import render

from ..history import history_kinds, recent_changes
from ..permissions import role_required


@role_required()  # committee (and administrators) only
def audit_log(request):
    kinds = history_kinds()
    chosen = request.GET.get("model") or None
    if chosen not in {label for label, _ in kinds}:
        chosen = None
    return render(
        request,
        "portal/audit_log.html",
        {"entries": recent_changes(model_label=chosen, limit=100), "models": kinds,
         "chosen": chosen},
    )
