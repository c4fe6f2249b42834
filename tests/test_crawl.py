"""Every page reachable by links, as every demo role, answers without a server error.

The data is the demo plus one change to a record of every model that keeps history, so
pages that mix models (the change history above all) see them side by side. From `/`,
each role follows every same-site link (`<a href>`, `hx-get` fragments, each GET form as
first filled in) and every redirect; a route is visited at most ROUTE_BUDGET times
(distinct records and query strings together; downloads and Django's admin, whose routes
per model are the same code, once), which keeps the crawl bounded as the demo grows.
"""

from __future__ import annotations

from collections import Counter, deque
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve

ROLES = ["anonymous", "member", "collaborator", "officer", "officer2", "committee", "admin"]
ROUTE_BUDGET = 3
SKIPPED_WORDS = ("dang-xuat", "logout")  # ends the session the crawl is using
HOST = "testserver"


class LinkParser(HTMLParser):
    """Links of a page, and each GET form (a filter, a search) submitted as a person would
    first try it: a search word typed, the first real option of each list chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.form: dict | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        attributes = {name: value or "" for name, value in attrs}
        for name in ("href", "hx-get") if tag == "a" else ("hx-get",):
            if attributes.get(name):
                self.links.append(attributes[name])
        if tag == "form" and attributes.get("method", "get").lower() == "get":
            self.form = {"action": attributes.get("action", ""), "fields": {}}
        elif self.form is not None and attributes.get("name"):
            self.form_field(tag, attributes)
        elif self.form is not None and tag == "option" and self.select and attributes.get(
                "value") and self.select not in self.form["fields"]:
            self.form["fields"][self.select] = attributes["value"]

    def form_field(self, tag: str, attributes: dict) -> None:
        name, kind = attributes["name"], attributes.get("type", "text")
        if tag == "select":
            self.select = name
        elif tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in attributes:
                self.form["fields"].setdefault(name, attributes.get("value", "on"))
        elif tag == "input" and kind not in ("submit", "button", "reset", "file"):
            typed = "Nguyễn" if kind == "search" or name in ("q", "tim") else ""
            self.form["fields"][name] = attributes.get("value") or typed

    def handle_endtag(self, tag) -> None:
        if tag == "select":
            self.select = None
        elif tag == "form" and self.form is not None:
            self.links.append(f"{self.form['action']}?{urlencode(self.form['fields'])}")
            self.form = None


def same_site_path(link: str, base: str) -> str | None:
    """The link as a path with its query, or None when it leaves the site."""
    link, _ = urldefrag(link.strip())
    parts = urlsplit(link)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", HOST):
        return None
    path = parts.path or urlsplit(base).path
    if not path.startswith("/"):
        path = base.rsplit("/", 1)[0] + "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


def route_of(url: str) -> str:
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return path
    return f"{match.namespace}:{match.url_name}" if match.url_name else match.route


def links_of(response, url: str) -> list[str]:
    if response.status_code in (301, 302, 303, 307, 308):
        return [response["Location"]]
    if "text/html" not in response.get("Content-Type", ""):
        return []
    parser = LinkParser()
    parser.feed(response.content.decode(response.charset or "utf-8", "replace"))
    return parser.links


def crawl(client: Client, errors: list[str]) -> tuple[list[str], int]:
    """Visit what `/` leads to; returns a line for every 5xx, and how many pages it saw."""
    seen: set[str] = {"/"}
    queue: deque[str] = deque(["/"])
    visits: Counter[str] = Counter()
    files: set[str] = set()  # routes that answered a download: one of each is enough
    failures: list[str] = []
    while queue:
        url = queue.popleft()
        route = route_of(url)
        if visits[route] >= (1 if route in files or route.startswith("admin:")
                             else ROUTE_BUDGET):
            continue
        visits[route] += 1
        del errors[:]
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {url}  {'; '.join(errors)}")
        elif response.status_code == 200 and "text/html" not in response.get(
                "Content-Type", ""):
            files.add(route)
        for link in links_of(response, url):
            target = same_site_path(link, url)
            if target and target not in seen and not any(w in target for w in SKIPPED_WORDS):
                seen.add(target)
                queue.append(target)
    return failures, visits.total()


def touch_every_history_model() -> None:
    """Change one record of every model that keeps history, as the officer would."""
    from portal.models import User
    from portal.selectors import history_models

    officer = User.objects.get(username="officer")
    for historical in history_models():
        model = historical.instance_type
        record = model._default_manager.order_by("pk").first()
        if record is None:
            continue
        for field in model._meta.concrete_fields:
            if (isinstance(field, models.CharField) and not field.choices and not field.unique
                    and field.editable and getattr(record, field.attname)):
                value = getattr(record, field.attname)
                setattr(record, field.attname, (value + " (sửa)")[-field.max_length:])
                break
        record._history_user = officer
        record.save()


@pytest.fixture
def demo_with_changes(db):
    call_command("seed_demo", stdout=StringIO())
    touch_every_history_model()


def test_no_page_reachable_by_links_answers_a_server_error(demo_with_changes):
    from portal.models import User

    errors: list[str] = []

    def remember(sender, request, **kwargs):
        import sys

        error = sys.exc_info()[1]
        errors.append(f"{type(error).__name__}: {error}"[:200])

    got_request_exception.connect(remember)
    failures: list[str] = []
    pages = 0
    try:
        for role in ROLES:
            client = Client(raise_request_exception=False)
            if role != "anonymous":
                client.force_login(User.objects.get(username=role),
                                   backend="portal.auth_backends.EmailOrUsernameBackend")
            found, visited = crawl(client, errors)
            failures += [f"{role}: {line}" for line in found]
            pages += visited
    finally:
        got_request_exception.disconnect(remember)
    assert pages > 100, f"the crawl saw only {pages} pages: links are not being followed"
    assert not failures, "\n".join(failures)
