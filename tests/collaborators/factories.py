import factory
from django.utils import timezone

from collaborators.models import Attendance, Collaborator, OpinionReport, Training
from tests.factories import UnitFactory


class CollaboratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collaborator

    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Trần Thị Mẫu {n}")
    email = factory.Sequence(lambda n: f"ctv{n}@example.vn")
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    group = Collaborator.Group.LECTURER
    network_role = Collaborator.NetworkRole.COLLABORATOR


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    title = factory.Sequence(lambda n: f"Tập huấn nghiệp vụ {n}")
    held_on = factory.LazyFunction(timezone.localdate)
    organiser = factory.SubFactory(UnitFactory)
    hours = 4


def attend(training, *people):
    for person in people:
        Attendance.objects.create(training=training, collaborator=person)


class OpinionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpinionReport

    unit = factory.SubFactory(UnitFactory)
    topic = OpinionReport.Topic.PAY
    summary = "Viên chức băn khoăn về lộ trình tăng lương."
    sentiment = OpinionReport.Sentiment.NEUTRAL
