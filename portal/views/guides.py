"""The user guide: one short page per role, the reader's own first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import pgettext_lazy

# role -> (address, title); the order the guides are listed in after the reader's own.
GUIDES = {
    "committee": ("ban-thuong-vu", pgettext_lazy("guide", "Standing Committee")),
    "officer": ("can-bo-cong-doan", pgettext_lazy("guide", "Union officers")),
    "collaborator": ("cong-tac-vien", pgettext_lazy("guide", "Opinion collaborators")),
    "member": ("doan-vien", pgettext_lazy("guide", "Members")),
}


def own_role(user) -> str:
    return "committee" if user.is_committee else user.role if user.role in GUIDES else "member"


@login_required
def guide(request, slug: str | None = None):
    """Without an address, the reader's own guide."""
    own = own_role(request.user)
    by_slug = {address: role for role, (address, _title) in GUIDES.items()}
    if slug is not None and slug not in by_slug:
        raise Http404
    role = by_slug.get(slug, own)
    others = [own, *(r for r in GUIDES if r != own)]
    return render(request, f"portal/help/{role}.html", {
        "title": GUIDES[role][1],
        "role": role,
        "guides": [(r, GUIDES[r][0], GUIDES[r][1], r == own) for r in others],
    })
