import factory

from portal.models import Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Công đoàn đơn vị {n}")
    kind = Unit.Kind.GRASSROOTS
    member_count = 100


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    unit = factory.SubFactory(UnitFactory)
    role = User.Role.MEMBER
    password = factory.django.Password("demo12345")
