"""An immutable snapshot of a survey's questionnaire, for the answering page and validation.

Loading it costs three queries; the answering page is the hot path (every member, every
submit), so snapshots are kept per process under (survey id, structure version). Every
change to the questionnaire bumps the version, so a stale snapshot is never used."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from threading import Lock
from typing import NamedTuple

from django.db.models import Prefetch

from .models import Choice, Question, Survey


@dataclass(frozen=True)
class ChoiceInfo:
    id: int
    label: str


@dataclass(frozen=True)
class QuestionInfo:
    id: int
    number: int  # 1, 2, 3... in the order a respondent sees them
    section_id: int
    kind: str
    text: str
    help_text: str
    required: bool
    has_other: bool
    max_choices: int | None
    min_value: Decimal | None
    max_value: Decimal | None
    choices: tuple[ChoiceInfo, ...]
    condition_question_id: int | None
    condition_choice_ids: frozenset[int]

    # Names are asked for on every field of every submission: each is worked out once.
    @cached_property
    def name(self) -> str:
        return f"q{self.id}"

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        """The answer form's fields for this question."""
        if self.kind == Question.Kind.MATRIX:
            return tuple(f"{self.name}_r{row.id}" for row in self.choices)
        if self.has_other and self.is_choice:
            return (self.name, f"{self.name}_other")
        return (self.name,)

    @cached_property
    def anchor(self) -> str:
        """The field a message about the whole question is attached to."""
        if self.kind == Question.Kind.MATRIX:
            return self.field_names[0] if self.choices else "submission_key"
        return self.name

    @property
    def is_choice(self) -> bool:
        return self.kind in Question.CHOICE_KINDS

    @property
    def scale(self) -> range:
        return range(0, 11) if self.kind == Question.Kind.RATING else range(1, 6)

    @property
    def condition_values(self) -> str:
        return " ".join(str(c) for c in sorted(self.condition_choice_ids))

    def choice_label(self, choice_id: int) -> str:
        return next((c.label for c in self.choices if c.id == choice_id), "")


@dataclass(frozen=True)
class SectionInfo:
    id: int
    title: str
    description: str
    questions: tuple[QuestionInfo, ...]


@dataclass(frozen=True)
class Questionnaire:
    survey_id: int
    version: int
    created_at: datetime  # with the id and version, names one state of one survey
    sections: tuple[SectionInfo, ...]
    questions: tuple[QuestionInfo, ...] = field(default=())
    # The answer form's fields, built on first use (see AnswerForm._question_fields).
    form_fields: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def question(self, question_id: int) -> QuestionInfo | None:
        return next((q for q in self.questions if q.id == question_id), None)


def build(survey: Survey) -> Questionnaire:
    questions = (
        Question.objects.filter(survey=survey)
        .select_related("section")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("position", "id")),
                          Prefetch("condition_choices", queryset=Choice.objects.only("id")))
    )
    sections: OrderedDict[int, tuple] = OrderedDict(
        (s.id, (s, [])) for s in survey.sections.order_by("position", "id"))
    for question in questions:
        sections[question.section_id][1].append(question)
    built_sections, flat = [], []
    for section, members in sections.values():
        infos = []
        for question in sorted(members, key=lambda q: (q.position, q.id)):
            info = QuestionInfo(
                id=question.id, number=len(flat) + 1, section_id=section.id,
                kind=question.kind, text=question.text, help_text=question.help_text,
                required=question.required, has_other=question.has_other,
                max_choices=question.max_choices, min_value=question.min_value,
                max_value=question.max_value,
                choices=tuple(ChoiceInfo(c.id, c.label) for c in question.choices.all()),
                condition_question_id=question.condition_question_id,
                condition_choice_ids=frozenset(c.id for c in question.condition_choices.all()),
            )
            infos.append(info)
            flat.append(info)
        built_sections.append(SectionInfo(section.id, section.title, section.description,
                                          tuple(infos)))
    return Questionnaire(survey.pk, survey.structure_version, survey.created_at,
                         tuple(built_sections),
                         tuple(flat))


_cache: OrderedDict[tuple, Questionnaire] = OrderedDict()
_lock = Lock()
_CACHE_SIZE = 64


def forget_all() -> None:
    with _lock:
        _cache.clear()


def latest_in_memory(survey_id: int) -> Questionnaire | None:
    """The newest snapshot of a survey this process holds, if any, without reading the
    database. Whoever uses it must check its version where it matters (the submission
    does, in the same statement that stores the answers)."""
    with _lock:
        found = [q for (pk, _v, _c), q in _cache.items() if pk == survey_id]
    return max(found, key=lambda q: q.version) if found else None


def questionnaire_of(survey: Survey) -> Questionnaire:
    # created_at too: a test database that rolls back may hand the same id out again.
    key = (survey.pk, survey.structure_version, survey.created_at)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    snapshot = build(survey)
    with _lock:
        _cache[key] = snapshot
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return snapshot


class AnswerData(NamedTuple):
    """One validated answer row, ready to be stored (see `surveys.models.Answer`). A named
    tuple: a dozen are made for every submission, and a tuple is the cheapest to make."""

    question_id: int
    choice_id: int | None = None
    value: int | None = None
    number: Decimal | None = None
    date: object | None = None
    text: str = ""
