from portal.models import User
from tests.factories import UserFactory


def people(unit, n: int, *, role=User.Role.MEMBER, **fields) -> list[User]:
    return UserFactory.create_batch(n, unit=unit, role=role, **fields)
