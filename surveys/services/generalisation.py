"""K-anonymous stored attributes: what an anonymous response may keep of its respondent.

The user table holds every member's unit, staff group, gender and year of birth, and the
used invitations say who answered: if a response kept its respondent's exact profile, a
join would name whoever is alone in their group. So when an anonymous survey opens, each
invitation gets a *kept profile*: its member's profile generalised, step by step, until at
least K invited people (the audience, not the respondents: who answers is not known in
advance) share it. The steps are shown to the survey's owner; they are these four, in the
order of the setting SURVEY_GENERALISATION_ORDER (by default the details go first, so
that breakdowns by unit survive in all but the smallest units), then a last one:

- the age band dropped ("unknown"); the gender dropped (blank); the staff group dropped
  (blank);
- the unit rolled up to its parent unit, repeatedly, up to the survey's owner unit (or
  the top of the member's tree when the owner unit is not above it);
- last, the unit dropped (empty).

"Share" is measured as an attacker would join: a stored value is read both literally (unit
equal, blank equal to blank) and as a generalisation (a unit means its whole subtree, a
blank or unknown value means anyone). A kept profile is accepted only when the broad
reading matches at least K invited people and no reading matches between 1 and K-1.

The plan is made again whenever the audience changes (new members invited after opening):
unused invitations get the new kept profile, and the responses already stored are checked
against the new audience and generalised further where a group fell below K (`enforce`).
Identified surveys keep the exact profile: the respondent is known anyway.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import product

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from portal.models import PATH_STEP, Unit

from ..models import AgeBand, AnonymityPlan, Invitation, Response, Survey

ANYONE = "*"
UNKNOWN = AgeBand.UNKNOWN.value
STEPS = ("age_band", "gender", "staff_group", "unit")  # the default order of generalisation


def anonymity_k() -> int:
    return int(getattr(settings, "SURVEY_ANONYMITY_K", 5))


def generalisation_order() -> tuple[str, ...]:
    """STEPS, or the order set in SURVEY_GENERALISATION_ORDER (the same four names)."""
    order = tuple(getattr(settings, "SURVEY_GENERALISATION_ORDER", STEPS))
    return order if sorted(order) == sorted(STEPS) else STEPS


@dataclass(frozen=True)
class Profile:
    unit_id: int | None
    staff_group: str
    gender: str
    age_band: str


class Tree:
    """The unit tree as the plan needs it: each unit's ancestors and where rolling up stops."""

    def __init__(self, owner_path: str) -> None:
        self.path = dict(Unit.objects.values_list("id", "path"))
        self.by_path = {path: pk for pk, path in self.path.items()}
        self.owner_path = owner_path

    def ancestors(self, unit_id: int) -> list[int]:
        """The unit and every unit above it, nearest first."""
        path = self.path.get(unit_id, "")
        return [self.by_path[path[:end]] for end in range(len(path), 0, -PATH_STEP)
                if path[:end] in self.by_path]

    def top_of(self, unit_id: int) -> int:
        path = self.path.get(unit_id, "")
        stop = self.owner_path if path.startswith(self.owner_path) else path[:PATH_STEP]
        return self.by_path.get(stop, unit_id)

    def coarser(self, profile: Profile, order: tuple[str, ...] = STEPS) -> Profile | None:
        """The next step of generalisation in `order`; None when nothing is left to drop.
        The unit is rolled up one level at a time, up to its top, before the next step."""
        unit, staff, gender, age = (profile.unit_id, profile.staff_group, profile.gender,
                                    profile.age_band)
        for step in order:
            if step == "unit" and unit is not None and unit != self.top_of(unit):
                return Profile(self.ancestors(unit)[1], staff, gender, age)
            if step == "age_band" and age != UNKNOWN:
                return Profile(unit, staff, gender, UNKNOWN)
            if step == "gender" and gender:
                return Profile(unit, staff, "", age)
            if step == "staff_group" and staff:
                return Profile(unit, "", gender, age)
        if unit is not None:
            return Profile(None, staff, gender, age)
        return None


class Audience:
    """How many invited people each reading of each possible stored profile matches."""

    def __init__(self, tree: Tree, people: Iterable[Profile]) -> None:
        self.tree = tree
        self.counts: Counter = Counter()
        for person in people:
            units = [("=", person.unit_id)] if person.unit_id is not None else []
            units += [("<", u) for u in tree.ancestors(person.unit_id)] if person.unit_id else []
            units.append(("<", None))
            self.counts.update(product(units, (person.staff_group, ANYONE),
                                       (person.gender, ANYONE), (person.age_band, ANYONE)))

    def readings(self, kept: Profile) -> Iterator[tuple]:
        units = [("<", kept.unit_id)] + ([("=", kept.unit_id)] if kept.unit_id else [])
        staff = [kept.staff_group] + ([ANYONE] if not kept.staff_group else [])
        gender = [kept.gender] + ([ANYONE] if not kept.gender else [])
        age = [kept.age_band] + ([ANYONE] if kept.age_band == UNKNOWN else [])
        return product(units, staff, gender, age)

    def safe(self, kept: Profile, k: int) -> bool:
        broad = self.counts[(("<", kept.unit_id), kept.staff_group or ANYONE,
                             kept.gender or ANYONE,
                             ANYONE if kept.age_band == UNKNOWN else kept.age_band)]
        return broad >= k and all(not 0 < self.counts[r] < k for r in self.readings(kept))

    def generalise(self, profile: Profile, k: int) -> Profile:
        """The first step of the ladder that is safe (the last one if none is)."""
        order = generalisation_order()
        while not self.safe(profile, k) and (coarser := self.tree.coarser(profile, order)):
            profile = coarser
        return profile


def exact_profiles(survey: Survey) -> dict:
    """Each invited member as they are today: {invitation id: Profile}. Before the survey
    opens, the audience it would invite: {user id: Profile}."""
    from .distribution import audience_of

    today = timezone.localdate()
    if survey.status == Survey.Status.DRAFT:
        rows = audience_of(survey).values_list("id", "unit_id", "staff_group", "gender",
                                               "birth_year")
    else:
        rows = Invitation.objects.filter(survey=survey).values_list(
            "id", "user__unit_id", "user__staff_group", "user__gender", "user__birth_year")
    return {pk: Profile(unit, staff or "", gender or "", AgeBand.of(born, today).value)
            for pk, unit, staff, gender, born in rows}


def audience_now(survey: Survey) -> Audience:
    return Audience(Tree(survey.owner_unit.path), exact_profiles(survey).values())


def audience_plan(survey: Survey) -> tuple[Audience, dict, dict]:
    """(audience counts, {invitation id: (exact, kept)}, summary), saving nothing."""
    k = anonymity_k()
    exact = exact_profiles(survey)
    audience = Audience(Tree(survey.owner_unit.path), exact.values())
    memo: dict[Profile, Profile] = {}
    kept = {}
    for pk, profile in exact.items():
        if profile not in memo:
            memo[profile] = audience.generalise(profile, k)
        kept[pk] = (profile, memo[profile])
    return audience, kept, summarise(kept.values(), k, audience.tree)


def summarise(pairs: Iterable[tuple[Profile, Profile]], k: int, tree: Tree) -> dict:
    """What the audience allows, per attribute: for how many invited people it is kept
    exactly, rolled up (units only), or not kept."""
    counts: dict[str, Counter] = defaultdict(Counter)
    invited = 0
    for exact, kept in pairs:
        invited += 1
        if kept.unit_id is None:
            counts["unit"]["dropped"] += 1
        else:
            counts["unit"]["kept" if kept.unit_id == exact.unit_id else "rolled_up"] += 1
        for name, blank in (("staff_group", ""), ("gender", ""), ("age_band", UNKNOWN)):
            value = getattr(exact, name)
            if value == blank:
                counts[name]["not_given"] += 1
            else:
                counts[name]["kept" if getattr(kept, name) == value else "dropped"] += 1
    return {"k": k, "invited": invited, "steps": list(generalisation_order()),
            "attributes": {name: dict(counts[name]) for name in STEPS}}


@transaction.atomic
def survey_plan_anonymity(*, survey: Survey) -> AnonymityPlan | None:
    """Make (or make again) the plan of an anonymous survey: every unused invitation gets
    its kept profile, stored responses are generalised further where needed. Identified
    surveys get none."""
    if not survey.anonymous:
        return None
    audience, kept, summary = audience_plan(survey)
    _store_kept(survey, {pk: profile for pk, (_exact, profile) in kept.items()})
    enforce(survey=survey, audience=audience)
    plan, _ = AnonymityPlan.objects.update_or_create(
        survey=survey, defaults={"k": summary["k"], "summary": summary})
    return plan


def _store_kept(survey: Survey, kept: dict) -> None:
    """Write the kept profiles that changed onto the unused invitations (a used one is
    never rewritten). PostgreSQL: one statement, whatever the audience."""
    current = {pk: Profile(*rest) for pk, *rest in Invitation.objects.filter(
        survey=survey, used=False).values_list("id", "kept_unit_id", "kept_staff_group",
                                               "kept_gender", "kept_age_band")}
    changed = {pk: p for pk, p in kept.items() if pk in current and current[pk] != p}
    if not changed:
        return
    if connection.vendor == "postgresql":
        rows = [{"i": str(pk), "u": p.unit_id, "s": p.staff_group, "g": p.gender,
                 "a": p.age_band} for pk, p in changed.items()]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Invitation._meta.db_table} i SET kept_unit_id = v.u, "
                "kept_staff_group = v.s, kept_gender = v.g, kept_age_band = v.a "
                "FROM json_to_recordset(%s::json) AS v (i uuid, u bigint, s text, g text, "
                "a text) WHERE i.id = v.i AND NOT i.used", [json.dumps(rows)])
        return
    by_kept: dict[Profile, list] = defaultdict(list)
    for pk, profile in changed.items():
        by_kept[profile].append(pk)
    for profile, ids in by_kept.items():
        for start in range(0, len(ids), 500):
            (Invitation.objects.filter(id__in=ids[start:start + 500], used=False)
             .update(kept_unit_id=profile.unit_id, kept_staff_group=profile.staff_group,
                     kept_gender=profile.gender, kept_age_band=profile.age_band))


def enforce(*, survey: Survey, audience: Audience) -> int:
    """Generalise further every stored combination that the audience as it is now does not
    hide among K people (members withdrawn, a plan made before). Returns the number of
    responses changed."""
    k = anonymity_k()
    stored = (Response.objects.filter(survey=survey)
              .values_list("unit_id", "staff_group", "gender", "age_band").distinct())
    changed = 0
    for row in stored:
        profile = Profile(*row)
        safer = audience.generalise(profile, k)
        if safer != profile:
            changed += (Response.objects.filter(survey=survey, unit_id=profile.unit_id,
                                                staff_group=profile.staff_group,
                                                gender=profile.gender, age_band=profile.age_band)
                        .update(unit_id=safer.unit_id, staff_group=safer.staff_group,
                                gender=safer.gender, age_band=safer.age_band))
    return changed
