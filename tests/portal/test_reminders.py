"""Reminder emails: the right items, each reminder once, nothing recorded when mail fails."""

from datetime import date
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail

from portal.models import ReminderSent
from portal.reminders import officers_of, send_once, tracked_reminders
from tests.portal.test_tracking import chores  # noqa: F401 - the fixture
from tests.tracked_items.models import Chore

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 30)


def test_due_soon_counts_working_days_and_overdue_is_past_the_date(chores):  # noqa: F811
    found = {item.title: kind for item, kind in
             tracked_reminders(Chore.objects.all(), today=MONDAY, before_working_days=3)}
    # Done and cancelled items are never reminded; January is far away.
    assert found == {"Kiện toàn mạng lưới": "overdue", "Báo cáo tháng": "due-soon"}
    found = tracked_reminders(Chore.objects.all(), today=MONDAY, before_working_days=2)
    assert [item.title for item, _kind in found] == ["Kiện toàn mạng lưới"]


def test_a_reminder_goes_out_once_to_the_units_officers(chores, units, accounts):  # noqa: F811
    item = chores["bk_late"]
    people = officers_of(units["BK"])
    assert accounts["officer"] in people and accounts["officer2"] not in people
    assert send_once(item=item, kind="overdue", recipients=people, subject="Quá hạn",
                     body="Nhiệm vụ đã quá hạn.", today=MONDAY)
    assert not send_once(item=item, kind="overdue", recipients=people, subject="Quá hạn",
                         body="Nhiệm vụ đã quá hạn.", today=MONDAY)
    assert len(mail.outbox) == len(people)
    assert mail.outbox[0].subject == "[Cổng DLXH] Quá hạn"
    assert ReminderSent.objects.get().recipients == len(people)


def test_a_refused_mail_leaves_no_record_so_tomorrow_tries_again(chores, accounts):  # noqa: F811
    item = chores["bk_late"]
    with mock.patch("portal.reminders.send_mass_mail", side_effect=SMTPException("down")):
        with pytest.raises(SMTPException):
            send_once(item=item, kind="overdue", recipients=[accounts["officer"]],
                      subject="Quá hạn", body="…", today=MONDAY)
    assert not ReminderSent.objects.exists()
    assert send_once(item=item, kind="overdue", recipients=[accounts["officer"]],
                     subject="Quá hạn", body="…", today=MONDAY)


def test_nobody_with_an_address_means_nothing_sent_or_recorded(chores, accounts):  # noqa: F811
    accounts["officer"].email = ""
    assert not send_once(item=chores["bk_late"], kind="overdue",
                         recipients=[accounts["officer"]], subject="x", body="y")
    assert not ReminderSent.objects.exists() and not mail.outbox
