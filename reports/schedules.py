"""The default report schedules, kept in django-celery-beat so administrators edit them.

Installed by a data migration and re-asserted (without overwriting edits) by seed_demo."""

from __future__ import annotations

import json

DEFAULTS = [
    # name, task, kwargs, crontab (minute, hour, day_of_month, month_of_year)
    ("Báo cáo tình hình DLXH hằng tháng (ngày 20)", "reports.run_schedule",
     {"kind": "monthly"}, ("0", "6", "20", "*")),
    ("Báo cáo giao ban quý (ngày 20 tháng cuối quý)", "reports.run_schedule",
     {"kind": "quarterly"}, ("30", "6", "20", "3,6,9,12")),
    ("Báo cáo sơ kết 6 tháng (20/6)", "reports.run_schedule",
     {"kind": "six_month"}, ("0", "7", "20", "6")),
    ("Báo cáo tổng kết năm (20/12)", "reports.run_schedule",
     {"kind": "annual"}, ("30", "7", "20", "12")),
    ("Nhận lại báo cáo bị gián đoạn (mỗi 10 phút)", "reports.requeue_stale",
     {}, ("*/10", "*", "*", "*")),
]


def install(periodic_task_model, crontab_model) -> None:
    for name, task, kwargs, (minute, hour, day, month) in DEFAULTS:
        crontab, _ = crontab_model.objects.get_or_create(
            minute=minute, hour=hour, day_of_month=day, month_of_year=month,
            day_of_week="*", timezone="Asia/Ho_Chi_Minh",
        )
        periodic_task_model.objects.get_or_create(
            name=name, defaults={"task": task, "kwargs": json.dumps(kwargs),
                                 "crontab": crontab},
        )
