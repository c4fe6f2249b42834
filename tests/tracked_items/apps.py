from django.apps import AppConfig


class TrackedItemsConfig(AppConfig):
    name = "tests.tracked_items"
    label = "tracked_items"
