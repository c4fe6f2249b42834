"""The models of inspections and reviews.

Inspections (kiểm tra, giám sát): a unit's yearly `InspectionProgramme` lists the
`Inspection`s its team makes of the units below it. Each goes planned → notified (the
notice is sent to the inspected unit, whose officers then see it) → self-reported (the unit
scores itself against the `Criterion` checklist) → verified (the team's record and its
`InspectionScore`s with the evidence seen) → concluded (a rating and a conclusion, issued as
a numbered document by `reports`) → closed, once the team has accepted the answer to every
`Recommendation` (a tracked item the inspected unit owes by a deadline).

Reviews (sơ kết six-monthly, tổng kết yearly) of a directive: every unit below the organiser
assesses itself against each task (`ReviewAssessment`), and the organiser rates the unit
and may propose it, or a person, for commendation (`ReviewRating`)."""

from .inspections import (
    Criterion,
    Inspection,
    InspectionProgramme,
    InspectionScore,
    Rating,
    Recommendation,
)
from .reviews import Review, ReviewAssessment, ReviewRating

__all__ = ["Criterion", "Inspection", "InspectionProgramme", "InspectionScore", "Rating",
           "Recommendation", "Review", "ReviewAssessment", "ReviewRating"]
