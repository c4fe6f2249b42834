"""The demo organisation, from the GLOSSARY's facts (member counts are for the demo)."""

from __future__ import annotations

from collections.abc import Callable

from .models import Unit, User

DEMO_PASSWORD = "demo12345"

# code, name, members; the first is the top unit.
TOP = ("CDDHQG", "Công đoàn ĐHQG-HCM", 0)
GRASSROOTS = [
    ("BK", "Công đoàn Trường Đại học Bách khoa", 900),
    ("KHTN", "Công đoàn Trường Đại học Khoa học Tự nhiên", 800),
    ("KHXHNV", "Công đoàn Trường Đại học Khoa học Xã hội và Nhân văn", 650),
    ("QT", "Công đoàn Trường Đại học Quốc tế", 450),
    ("CNTT", "Công đoàn Trường Đại học Công nghệ Thông tin", 350),
    ("KTL", "Công đoàn Trường Đại học Kinh tế - Luật", 400),
    ("AG", "Công đoàn Trường Đại học An Giang", 500),
    ("KHSK", "Công đoàn Trường Đại học Khoa học Sức khỏe", 300),
    ("MTTN", "Công đoàn Viện Môi trường và Tài nguyên", 80),
    ("CQ", "Công đoàn Cơ quan ĐHQG-HCM", 250),
    ("PTNK", "Công đoàn Trường Phổ thông Năng khiếu", 150),
    ("BT", "Công đoàn Phân hiệu ĐHQG-HCM tại Bến Tre", 40),
    ("CTHC", "Công đoàn Khoa Chính trị - Hành chính", 40),
]
# A few departmental unions and groups, so the tree has depth.
BELOW = [
    ("BK-CK", "Công đoàn bộ phận Khoa Cơ khí", "BK", Unit.Kind.DEPARTMENTAL, 120),
    ("BK-KHMT", "Công đoàn bộ phận Khoa Khoa học và Kỹ thuật Máy tính", "BK",
     Unit.Kind.DEPARTMENTAL, 110),
    ("BK-DDT", "Công đoàn bộ phận Khoa Điện - Điện tử", "BK", Unit.Kind.DEPARTMENTAL, 130),
    ("BK-KHMT-T1", "Tổ công đoàn Bộ môn Hệ thống và Mạng", "BK-KHMT", Unit.Kind.GROUP, 25),
    ("KHTN-SH", "Tổ công đoàn Khoa Sinh học - Công nghệ Sinh học", "KHTN", Unit.Kind.GROUP, 60),
    ("KHTN-TOAN", "Tổ công đoàn Khoa Toán - Tin học", "KHTN", Unit.Kind.GROUP, 70),
]

ACCOUNTS = [
    # username, full name, unit code, role, staff group, gender, birth year
    ("committee", "Trần Thị Minh Hạnh", "CDDHQG", User.Role.COMMITTEE,
     User.StaffGroup.ADMINISTRATIVE, User.Gender.FEMALE, 1972),
    ("officer", "Nguyễn Văn Phúc", "BK", User.Role.OFFICER, User.StaffGroup.LECTURER,
     User.Gender.MALE, 1978),
    ("officer2", "Lê Thị Thu Trang", "KHTN", User.Role.OFFICER, User.StaffGroup.RESEARCHER,
     User.Gender.FEMALE, 1983),
    ("collaborator", "Phạm Quốc Dũng", "BK", User.Role.COLLABORATOR, User.StaffGroup.LECTURER,
     User.Gender.MALE, 1986),
    ("member", "Võ Thị Ngọc Lan", "BK", User.Role.MEMBER, User.StaffGroup.ADMINISTRATIVE,
     User.Gender.FEMALE, 1991),
]

# Filled by autodiscovered `<app>.seed` modules: (app name, seeder(stdout=...)).
app_seeders: list[tuple[str, Callable]] = []


def register(name: str, seeder: Callable) -> None:
    if all(existing != name for existing, _ in app_seeders):
        app_seeders.append((name, seeder))


def _unit(code: str, name: str, kind: str, parent: Unit | None, members: int) -> Unit:
    unit, _ = Unit.objects.update_or_create(
        code=code,
        defaults={"name": name, "kind": kind, "parent": parent, "member_count": members},
    )
    return unit


def seed_units() -> dict[str, Unit]:
    code, name, _ = TOP
    # The university union's own count is its grassroots unions' total.
    top = _unit(code, name, Unit.Kind.UNIVERSITY_UNION, None, sum(m for *_, m in GRASSROOTS))
    units = {code: top}
    for code, name, members in GRASSROOTS:
        units[code] = _unit(code, name, Unit.Kind.GRASSROOTS, top, members)
    for code, name, parent, kind, members in BELOW:
        units[code] = _unit(code, name, kind, units[parent], members)
    return units


def seed_accounts(units: dict[str, Unit]) -> dict[str, User]:
    accounts = {}
    for username, full_name, unit, role, group, gender, year in ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={"full_name": full_name, "email": f"{username}@demo.vnuhcm.edu.vn",
                      "unit": units[unit], "role": role, "staff_group": group,
                      "gender": gender, "birth_year": year},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        accounts[username] = user
    admin, _ = User.objects.update_or_create(
        username="admin",
        defaults={"full_name": "Đỗ Minh Quân", "email": "admin@demo.vnuhcm.edu.vn",
                  "is_staff": True, "is_superuser": True, "role": User.Role.COMMITTEE,
                  "unit": units["CDDHQG"]},
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    accounts["admin"] = admin
    return accounts
