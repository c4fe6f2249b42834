"""The grievance register: queue, cases, my cases, receipt codes."""

urlpatterns: list = []
