"""The checklist an inspection of the opinion work starts from (dispatch 360/CĐ-ĐHQG's six
areas, 100 points in all). Data: the committee edits it in the admin."""

from django.db import migrations

CRITERIA = [
    (1, "Ban hành kế hoạch, phân công cán bộ phụ trách công tác dư luận xã hội", "leadership",
     15),
    (2, "Xây dựng, kiện toàn mạng lưới cộng tác viên dư luận xã hội; tập huấn định kỳ",
     "network", 15),
    (3, "Tổ chức khảo sát, thăm dò dư luận đoàn viên về các chủ trương, chính sách mới",
     "surveys", 15),
    (4, "Báo cáo tình hình dư luận định kỳ và đột xuất đầy đủ, đúng hạn", "briefings", 20),
    (5, "Tổ chức đối thoại; tiếp nhận, giải quyết kiến nghị của đoàn viên kịp thời",
     "dialogue", 20),
    (6, "Tự kiểm tra, sơ kết, tổng kết; phát hiện và nhân rộng cách làm hay", "inspection",
     15),
]


def add(apps, schema_editor):
    Criterion = apps.get_model("inspections", "Criterion")
    for number, text, area, max_score in CRITERIA:
        Criterion.objects.get_or_create(number=number, defaults={
            "text": text, "area": area, "max_score": max_score})


def remove(apps, schema_editor):
    apps.get_model("inspections", "Criterion").objects.filter(
        number__in=[c[0] for c in CRITERIA]).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
