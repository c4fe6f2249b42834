# Before building this app, read /work/main/DEVELOPERS.md: it is the "{COMMON}" part of your
# task (conventions, shared modules, what not to touch, how to test and commit, your report).
app_name = "collaborators"

urlpatterns: list = []
