app_name = "directives"

urlpatterns: list = []
