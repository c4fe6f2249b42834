"""Colours mean something: bad news (negative, urgent, widespread) in red or orange, good
news in green, on the hot-topics board the dashboard links to."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaborators.models import OpinionReport
from portal.charts import BAD, GOOD, WARNING
from tests.collaborators.factories import OpinionReportFactory

pytestmark = pytest.mark.django_db
GREENS = {GOOD, "#2e8b57"}


def legend_colours(svg: str) -> dict[str, str]:
    """Legend label -> the colour of its swatch."""
    return {label: colour for colour, label in re.findall(
        r'fill="(#[0-9a-f]{6})"/><text[^>]*>([^:<]+):', svg)}


def test_negative_urgent_and_widespread_are_never_green(client_for, accounts, units):
    when = timezone.now() - timedelta(days=1)
    for sentiment, urgency, spread in (("negative", "urgent", "widespread"),
                                       ("positive", "soon", "group"),
                                       ("neutral", "normal", "few")):
        OpinionReportFactory(unit=units["BK"], created_at=when, sentiment=sentiment,
                             urgency=urgency, spread=spread)
    response = client_for(accounts["officer"]).get(reverse("collaborators:hot_topics"))
    charts = response.context["charts"]
    sentiment = legend_colours(str(charts["sentiment"]))
    urgency = legend_colours(str(charts["urgency"]))
    spread = legend_colours(str(charts["spread"]))
    label = {**dict(OpinionReport.Sentiment.choices), **dict(OpinionReport.Urgency.choices),
             **dict(OpinionReport.Spread.choices)}
    assert sentiment[str(label["negative"])] == BAD
    assert sentiment[str(label["positive"])] in GREENS
    assert urgency[str(label["urgent"])] == BAD and urgency[str(label["soon"])] == WARNING
    assert spread[str(label["widespread"])] == BAD
    bad_news = [sentiment[str(label["neutral"])], urgency[str(label["normal"])],
                spread[str(label["few"])], spread[str(label["group"])]]
    assert not GREENS & set(bad_news)
