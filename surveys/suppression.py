"""One suppression decision per survey, read by every view of its results.

Every view a person can open of a survey (the results page, each drill-down into a unit,
each breakdown by staff group, gender or age band, the CSV and .xlsx exports, the report)
shows sums over groups of responses. Sums can be added and subtracted across views: a
parent unit minus its shown sub-units, everyone minus "other units", the blank-unit rows
of an export minus a shown unit. So hiding small groups view by view is not enough; the
decision is taken once for the whole survey, here, and every view only reads it.

The rule, per dimension:
- unit: the groups are a family of nested sets (each unit's whole branch, its direct
  members, the responses with no unit, everyone). Every view only shows sets of this family
  or differences that the family already gives (everyone outside a shown branch). A set is
  released only with at least `minimum` responses, and for every released set, what is
  left of it once its largest released subsets are taken away (its *residual*: what a
  difference of shown cells gives) holds no response or at least `minimum` of them; where
  it would not, the smallest released subset is hidden too, until it does. Any sum or
  difference of shown cells is then a union of residuals, so it counts no response or at
  least `minimum`.
- staff group, gender, age band: the values are a partition of everyone; values with
  fewer than `minimum` responses are hidden, and if all hidden values together hold fewer
  than `minimum` (their total is everyone minus the shown ones), the smallest shown value
  is hidden too.
- the export of an anonymous survey shows, per response, the residual its unit falls in
  and only the attribute columns for which every combination it shows is shared by at
  least `minimum` responses (columns are dropped whole, never cell by cell: a blank cell in
  a column that is shown elsewhere would be found again by subtracting).

Across dimensions, `audit()` checks with exact arithmetic that no hidden group of fewer
than `minimum` responses is a linear combination of the released groups of every
dimension together with the export's classes; where one is, attribute groups are hidden
until none is.

The decision works on whatever profile is stored on the responses (a generalised unit, a
blank staff group or gender, an "unknown" age band are values like any other)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext as _

from portal.models import PATH_STEP, Unit

from .models import Response, Survey

ATTRIBUTES = ("staff_group", "gender", "age_band")
EXPORT_DROP_ORDER = ("age_band", "gender", "staff_group")
NO_UNIT = "\0none"
OUTSIDE = "\0outside"
CACHE_SECONDS = 3600

Atoms = frozenset


@dataclass(frozen=True)
class UnitNode:
    id: int
    path: str
    name: str


@dataclass(frozen=True)
class Row:
    """One row of a breakdown: the stored values it adds up, and whether it is shown."""

    key: str
    label: str
    atoms: Atoms
    released: bool
    unit_id: int | None = None


@dataclass
class Decision:
    minimum: int
    total: int
    units: dict[int, UnitNode]  # respondents' units and every unit above them
    unit_counts: dict[int | None, int]  # responses per stored unit (None: no unit)
    released_units: set[Atoms] = field(default_factory=set)
    attribute_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    released_values: dict[str, set[str]] = field(default_factory=dict)
    profiles: dict[tuple, int] = field(default_factory=dict)  # (unit, staff, gender, age)
    export_dimensions: tuple[str, ...] = ATTRIBUTES
    # An anonymous survey may store a unit rolled up to its parent: the responses "of" a
    # unit are then its members and those kept at its level, not only its direct members.
    rolled_up: bool = False

    # --- sets of the unit family -------------------------------------------------------

    def size(self, atoms: Atoms) -> int:
        return sum(self.unit_counts.get(a, 0) for a in atoms)

    def branch(self, path: str) -> Atoms:
        return Atoms(a for a in self.unit_counts
                     if a is not None and self.units[a].path.startswith(path))

    def is_released(self, atoms: Atoms) -> bool:
        """Empty sets are known to be empty; everyone is always shown."""
        return not atoms or atoms in self.released_units or atoms == self.everyone

    @property
    def everyone(self) -> Atoms:
        return Atoms(self.unit_counts)

    # --- the rows of each view ---------------------------------------------------------

    def rows(self, dimension: str, root: Unit | None = None) -> list[Row]:
        if dimension == "unit":
            assert root is not None
            return self._unit_rows(root)
        labels = _attribute_labels(dimension)
        counts = self.attribute_counts.get(dimension, {})
        order = list(labels)
        values = sorted(counts, key=lambda v: (order.index(v) if v in order else len(order), v))
        return [Row(v, labels.get(v, v), Atoms([v]), v in self.released_values[dimension])
                for v in values]

    def _unit_rows(self, root: Unit) -> list[Row]:
        inside = self.branch(root.path)
        width = len(root.path) + PATH_STEP
        children: dict[str, set] = defaultdict(set)
        for atom in inside:
            children[self.units[atom].path[:width]].add(atom)
        rows = []
        for path, atoms in sorted(children.items()):
            atoms = Atoms(atoms)
            if path == root.path:
                label = self._own_label(root.name)
                rows.append(Row(path, label, atoms, self.is_released(atoms), root.pk))
            else:
                node = next(u for u in self.units.values() if u.path == path)
                rows.append(Row(path, node.name, atoms, self.is_released(atoms), node.id))
        none = Atoms([None]) if None in self.unit_counts else Atoms()
        if none:
            rows.append(Row(NO_UNIT, _("No unit"), none, self.is_released(none)))
        outside = self.everyone - inside - none
        if outside:
            # Everyone minus this branch minus the no-unit row: shown only when both are.
            shown = self.is_released(inside) and self.is_released(none)
            rows.append(Row(OUTSIDE, _("Other units"), outside, shown))
        return rows

    # --- the export --------------------------------------------------------------------

    def _block_of(self, unit_id: int | None) -> Atoms | None:
        """The smallest released set of the unit family holding this unit's responses."""
        blocks = getattr(self, "_block_sets", None)
        if blocks is None:
            family = sorted(self.released_units, key=len)
            blocks = {atom: next((s for s in family if atom in s), None)
                      for atom in self.unit_counts}
            self._block_sets = blocks
        return blocks.get(unit_id)

    def block_label(self, unit_id: int | None) -> str:
        """The smallest released set of the unit family that holds this unit's responses,
        as the export names it ("" where only everyone is shown)."""
        return self._blocks().get(unit_id, "")

    def _blocks(self) -> dict[int | None, str]:
        cached = getattr(self, "_block_cache", None)
        if cached is not None:
            return cached
        names: dict[Atoms, str] = {}
        labels = {}
        for atom in self.unit_counts:
            smallest = self._block_of(atom)
            if smallest and smallest not in names:
                names[smallest] = self._name_of(smallest)
            labels[atom] = names[smallest] if smallest else ""
        self._block_cache = labels
        return labels

    def _name_of(self, atoms: Atoms) -> str:
        if atoms == Atoms([None]):
            return _("No unit")
        released_inside = [s for s in self.released_units if s < atoms]
        # The deepest unit whose branch is exactly this set names it.
        paths = [self.units[a].path for a in atoms if a is not None]
        common = _common_prefix(paths)
        node = next((u for u in self.units.values() if u.path == common), None)
        if node is None:
            return _("Other units")
        if len(atoms) == 1 and self.branch(node.path) != atoms:
            return self._own_label(node.name)
        if released_inside:
            return _("%(unit)s (others)") % {"unit": node.name}
        return node.name

    def _own_label(self, name: str) -> str:
        if self.rolled_up:
            return _("%(unit)s (not broken down further)") % {"unit": name}
        return _("%(unit)s (direct members)") % {"unit": name}

    def export_key(self, profile: tuple) -> tuple:
        """The class a response falls in, in the export: its unit's block and the released
        values of the kept columns (None where hidden)."""
        key: list = [self._block_of(profile[0])]
        for name, value in zip(ATTRIBUTES, profile[1:], strict=True):
            shown = name in self.export_dimensions and value in self.released_values[name]
            key.append(value if shown else None)
        return tuple(key)

    def export_profile(self, profile: tuple) -> list[str]:
        """What an anonymous export shows of a response's (unit, staff group, gender, age
        band): its unit's block, then the released values of the columns it keeps (and no
        cell at all for a column it drops)."""
        block, *values = self.export_key(profile)
        out = [self.block_label(profile[0])]
        for name, value in zip(ATTRIBUTES, values, strict=True):
            if name in self.export_dimensions:
                out.append("" if value is None else _attribute_labels(name).get(value, value))
        return out


def _common_prefix(paths: list[str]) -> str:
    if not paths:
        return ""
    first, last = min(paths), max(paths)
    n = 0
    while n < len(first) and n < len(last) and first[n] == last[n]:
        n += 1
    return first[: n - n % PATH_STEP]


def _attribute_labels(dimension: str) -> dict[str, str]:
    from .results import attribute_labels

    return attribute_labels(dimension)


# --- taking the decision ---------------------------------------------------------------


def decide(counts: dict[tuple, int], units: dict[int, UnitNode], minimum: int) -> Decision:
    """The decision for responses counted per (unit id, staff group, gender, age band)."""
    unit_counts: dict[int | None, int] = defaultdict(int)
    attribute_counts: dict[str, dict[str, int]] = {a: defaultdict(int) for a in ATTRIBUTES}
    for (unit_id, *values), n in counts.items():
        unit_counts[unit_id] += n
        for name, value in zip(ATTRIBUTES, values, strict=True):
            attribute_counts[name][value or ""] += n
    decision = Decision(minimum=minimum, total=sum(counts.values()), units=units,
                        unit_counts=dict(unit_counts),
                        attribute_counts={k: dict(v) for k, v in attribute_counts.items()},
                        profiles={(p[0], *(v or "" for v in p[1:])): n
                                  for p, n in counts.items()})
    decision.released_units = _release_family(decision, _unit_family(decision), minimum)
    decision.released_values = {name: _release_partition(attribute_counts[name], minimum)
                                for name in ATTRIBUTES}
    _choose_export_columns(decision)
    audit(decision)
    return decision


def _unit_family(decision: Decision) -> set[Atoms]:
    """Every set a unit view can show: each unit's branch and direct members, no unit."""
    family: set[Atoms] = set()
    for atom in decision.unit_counts:
        if atom is None:
            family.add(Atoms([None]))
            continue
        family.add(Atoms([atom]))
        path = decision.units[atom].path
        for end in range(PATH_STEP, len(path) + 1, PATH_STEP):
            family.add(decision.branch(path[:end]))
    family.discard(decision.everyone)
    return family


def _release_family(decision: Decision, family: set[Atoms], minimum: int) -> set[Atoms]:
    """Release the sets of a nested family so that every residual is empty or large enough
    (see the module docstring)."""
    released = {s for s in family if decision.size(s) >= minimum}
    everyone = decision.everyone
    changed = True
    while changed:
        changed = False
        for whole in sorted(released | {everyone}, key=len, reverse=True):
            if whole != everyone and whole not in released:
                continue
            inner = _maximal(whole, released)
            rest = decision.size(whole) - sum(decision.size(s) for s in inner)
            if 0 < rest < minimum and inner:
                released.discard(min(inner, key=lambda s: (decision.size(s), sorted(s, key=str))))
                changed = True
                break
    return released


def _maximal(whole: Atoms, released: set[Atoms]) -> list[Atoms]:
    inside = [s for s in released if s < whole]
    return [s for s in inside if not any(s < other for other in inside)]


def _release_partition(counts: dict[str, int], minimum: int) -> set[str]:
    released = {v for v, n in counts.items() if n >= minimum}
    while released:
        hidden = sum(n for v, n in counts.items() if v not in released)
        if not 0 < hidden < minimum:
            break
        released.discard(min(released, key=lambda v: (counts[v], v)))
    return released


def _export_classes(decision: Decision) -> dict[tuple, int]:
    classes: dict[tuple, int] = defaultdict(int)
    for profile, n in decision.profiles.items():
        classes[decision.export_key(profile)] += n
    return classes


def _choose_export_columns(decision: Decision) -> None:
    """Drop attribute columns from the export, whole, until every combination it shows is
    shared by at least `minimum` responses (a column with no shown value is dropped first:
    it would be blank for everyone)."""
    columns = [name for name in ATTRIBUTES if decision.released_values[name]]
    decision.export_dimensions = tuple(columns)
    for name in (n for n in EXPORT_DROP_ORDER if n in columns):
        if all(n >= decision.minimum for n in _export_classes(decision).values()):
            return
        columns.remove(name)
        decision.export_dimensions = tuple(columns)


# --- the audit across dimensions ----------------------------------------------------------


def audit(decision: Decision) -> None:
    """Hide attribute groups until no hidden small group (of any dimension) is a linear
    combination of everything released: the export's classes (which refine the unit
    family's residuals) and the groups of every attribute dimension.

    Exact: a target is such a combination when, for some weights of the
    attribute groups (a handful of unknowns), what is left is the same across each export
    class; a class holding the same attribute groups both inside and outside the target
    rules it out at once, which settles most targets without solving anything."""
    while True:
        leaks = derivable_hidden_groups(decision)
        if not leaks:
            return
        candidates = sorted(((n, name, v) for name in ATTRIBUTES
                             for v, n in decision.attribute_counts[name].items()
                             if v in decision.released_values[name]))
        if not candidates:
            return
        _n, name, value = candidates[0]
        decision.released_values[name].discard(value)
        _choose_export_columns(decision)


def _hidden_targets(decision: Decision) -> list[tuple[str, object]]:
    targets: list[tuple[str, object]] = []
    for atoms in _unit_family(decision):
        if 0 < decision.size(atoms) < decision.minimum:
            targets.append(("unit", atoms))
    for name in ATTRIBUTES:
        for value, n in decision.attribute_counts[name].items():
            if 0 < n < decision.minimum and value not in decision.released_values[name]:
                targets.append((name, value))
    return targets


def derivable_hidden_groups(decision: Decision) -> list[tuple[str, object]]:
    """The hidden small groups that a linear combination of the export's classes and the
    released attribute groups gives exactly (see `audit`)."""
    targets = _hidden_targets(decision)
    if not targets:
        return []
    generators = [(position, value) for position, name in enumerate(ATTRIBUTES, start=1)
                  for value in sorted(decision.released_values[name])]
    classes: dict[tuple, list[tuple[tuple, tuple[int, ...]]]] = defaultdict(list)
    for profile in decision.profiles:
        row = tuple(int(profile[position] == value) for position, value in generators)
        classes[decision.export_key(profile)].append((profile, row))
    # What a class asks of the weights when the target has none of it: the same weighted
    # sum for every profile of the class. The same for every target: worked out once.
    quiet = {key: {(_difference(row, profiles[0][1]), 0) for _p, row in profiles}
             for key, profiles in classes.items()}
    leaks = []
    for kind, target in targets:
        if kind == "unit":
            def member(profile, target=target):
                return profile[0] in target
        else:
            position = 1 + ATTRIBUTES.index(kind)

            def member(profile, target=target, position=position):
                return profile[position] == target
        touched = {key for key, profiles in classes.items()
                   if any(member(p) for p, _row in profiles)}
        equations = set().union(*(quiet[key] for key in classes if key not in touched))
        if _derivable([classes[key] for key in touched], member, equations, len(generators)):
            leaks.append((kind, target))
    return leaks


def _difference(row: tuple[int, ...], reference: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x - y for x, y in zip(row, reference, strict=True))


def _derivable(classes, member, equations: set, unknowns: int) -> bool:
    """Is the target (`member`) a function constant on each class plus a combination of
    the generators? That is: are there weights g with target(a) - row(a)·g the same for
    every profile a of a class, for every class. `equations` holds those of the classes
    the target does not touch."""
    for profiles in classes:
        inside = {row for profile, row in profiles if member(profile)}
        outside = {row for profile, row in profiles if not member(profile)}
        if inside & outside:
            return False  # two profiles no shown figure tells apart, one in, one out
        reference_row, reference = profiles[0][1], int(member(profiles[0][0]))
        for profile, row in profiles:
            equations.add((_difference(row, reference_row), int(member(profile)) - reference))
    return _consistent(equations, unknowns)


PRIME = 2**61 - 1


def _consistent(equations, unknowns: int) -> bool:
    """Does the linear system (rows, right-hand sides) have a rational solution?

    Worked modulo a prime larger than any minor of the system can be (rows and right-hand
    sides hold -1, 0 and 1, and there are a handful of unknowns: by Hadamard's bound no
    minor reaches 2**61), so the answer is exact, at the speed of integers."""
    pivots: list[tuple[int, list[int]]] = []
    for row, rhs in equations:
        vector = [x % PRIME for x in row] + [rhs % PRIME]
        for column, pivot in pivots:
            if vector[column]:
                factor = vector[column]
                vector = [(x - factor * y) % PRIME for x, y in zip(vector, pivot, strict=True)]
        column = next((i for i in range(unknowns) if vector[i]), None)
        if column is None:
            if vector[-1]:
                return False
            continue
        inverse = pow(vector[column], PRIME - 2, PRIME)
        pivots.append((column, [x * inverse % PRIME for x in vector]))
    return True


def too_few(survey: Survey, total: int) -> bool:
    """An anonymous survey with fewer responses than its minimum shows no figure at all
    (its overall figures would be a group too small to show)."""
    return survey.anonymous and 0 < total < survey.min_group_size


def until_closed(survey: Survey) -> bool:
    """An anonymous survey shows its figures once it is over. Seen twice while it runs,
    before and after one more answer, they would give that answer away by subtraction to
    an officer, who sees who has answered (response rates per unit, the list of links not
    yet used)."""
    return survey.anonymous and not survey.is_over()


def withheld(survey: Survey, total: int) -> bool:
    """No figure of the survey may be shown now (see `too_few` and `until_closed`)."""
    return until_closed(survey) or too_few(survey, total)


# --- reading it ------------------------------------------------------------------------


def _units_above(unit_ids) -> dict[int, UnitNode]:
    ids = [i for i in unit_ids if i is not None]
    paths = set(Unit.objects.filter(pk__in=ids).values_list("path", flat=True))
    prefixes = {p[:end] for p in paths for end in range(PATH_STEP, len(p) + 1, PATH_STEP)}
    return {u["pk"]: UnitNode(u["pk"], u["path"], u["name"])
            for u in Unit.objects.filter(path__in=prefixes).values("pk", "path", "name")}


def profile_counts(survey: Survey) -> dict[tuple, int]:
    """Responses per stored (unit id, staff group, gender, age band), in one query."""
    rows = (Response.objects.filter(survey=survey)
            .values("unit_id", *ATTRIBUTES).annotate(n=Count("id")).order_by())
    return {(r["unit_id"], *(r[a] for a in ATTRIBUTES)): r["n"] for r in rows}


def data_version(counts: dict[tuple, int]) -> str:
    """A key that changes whenever a response is added or its stored profile is
    generalised further (the anonymity plan may do that to stored responses)."""
    text = repr(sorted(counts.items(), key=repr))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def survey_decision(survey: Survey, *, counts: dict[tuple, int] | None = None) -> Decision:
    """The survey's decision, cached under its data version and minimum group size."""
    if counts is None:
        counts = profile_counts(survey)
    key = (f"surveys:suppression:{survey.pk}:{data_version(counts)}:{survey.min_group_size}"
           f":{survey.anonymous}")
    decision = cache.get(key)
    if decision is None:
        decision = decide(counts, _units_above({c[0] for c in counts}),
                          survey.min_group_size)
        decision.rolled_up = survey.anonymous
        decision._block_cache = None  # labels in the language of whoever reads it
        cache.set(key, decision, CACHE_SECONDS)
    return decision
