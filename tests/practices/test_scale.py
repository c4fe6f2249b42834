"""The library's query count does not grow with the number of practices, tags or
adoptions; nor does a practice's page with its adoptions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.practices.models import Adoption, Practice, Tag
from directives.practices.services import search_text

pytestmark = pytest.mark.django_db


def bulk(units, n: int, *, offset: int = 0) -> list[Practice]:
    codes = ["BK", "KHTN", "KHXHNV", "QT", "CNTT"]
    now = timezone.now()
    made = []
    for i in range(offset, offset + n):
        unit = units[codes[i % len(codes)]]
        practice = Practice(unit=unit, title=f"Cách làm hay số {i}", summary="Tóm tắt",
                            body="Nội dung **đậm**", area="surveys", status="published",
                            published_at=now, endorsed_at=now if i % 3 == 0 else None)
        practice.search = search_text(practice)
        made.append(practice)
    made = Practice.objects.bulk_create(made)
    tags = [Tag.objects.get_or_create(key=f"the {i}", defaults={"name": f"Thẻ {i}"})[0]
            for i in range(3)]
    Practice.tags.through.objects.bulk_create(
        Practice.tags.through(practice=p, tag=t) for p in made for t in tags)
    Adoption.objects.bulk_create(
        Adoption(practice=p, unit=units["AG"], adopted_on=timezone.localdate(), outcome="Tốt",
                 rating=4) for p in made)
    return made


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_params", ["", "?q=cach+lam&area=surveys", "?page=2"])
def test_library_queries_do_not_grow(units, accounts, client_for, url_params,
                                     django_assert_max_num_queries):
    client = client_for(accounts["member"])
    url = reverse("practices:library") + url_params
    bulk(units, 25)
    small = _count(client, url, django_assert_max_num_queries, 30)
    bulk(units, 150, offset=25)
    assert _count(client, url, django_assert_max_num_queries, small) == small


def test_practice_page_queries_do_not_grow(units, accounts, client_for,
                                           django_assert_max_num_queries):
    practice = bulk(units, 1)[0]
    client = client_for(accounts["officer2"])
    small = _count(client, practice.get_absolute_url(), django_assert_max_num_queries, 40)
    for code in ("BK", "KHTN", "QT", "CNTT", "KTL", "KHSK"):
        Adoption.objects.create(practice=practice, unit=units[code], outcome="Tốt", rating=5,
                                adopted_on=timezone.localdate())
    assert _count(client, practice.get_absolute_url(), django_assert_max_num_queries,
                  small) == small


def test_search_ignores_diacritics_and_puts_endorsed_first(units, accounts, client_for):
    from tests.practices.factories import make_practice

    make_practice(units["KHTN"], accounts["officer2"], title="Đối thoại với viên chức trẻ")
    endorsed = make_practice(units["BK"], accounts["officer"], state="endorsed",
                             title="Đối thoại cuối tuần")
    make_practice(units["BK"], accounts["officer"], title="Bản tin song ngữ")
    client = client_for(accounts["member"])
    page = client.get(reverse("practices:library"), {"q": "doi THOAI"}).context["practices"]
    assert [p.title for p in page] == ["Đối thoại cuối tuần", "Đối thoại với viên chức trẻ"]
    assert page[0] == endorsed
    by_unit = client.get(reverse("practices:library"), {"don-vi": units["KHTN"].pk})
    assert [p.unit for p in by_unit.context["practices"]] == [units["KHTN"]]
    by_tag = client.get(reverse("practices:library"), {"q": "khao sat"}).context["practices"]
    assert len(by_tag) == 3  # the tag "khảo sát" is searched too
