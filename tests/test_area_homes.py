"""Every area's home leads to everything its user may do: no dead ends after logging in.

From the page a user lands on after login, every page of the access matrix that this user may
open (a GET without arguments, not public, not the API) is at most two clicks away.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.test_access_matrix import ACCESS, accepted, expected, world  # noqa: F401 - the fixture

HREF = re.compile(r'href="([^"#]+)"')
# Pages a user may open but that are no page of their own area, with the reason.
NOT_LINKED = {
    "inbox_unread": "a JSON count the navbar badge fetches",
    "member_home": "for an applicant: the representatives' area, which has nothing for them",
    "applicant_my_data": "for a representative: the applicants' personal-data download",
    "applicant_home": "for a representative: the applicants' area",
    "staff_member_import_confirm": "the second step of the import form",
    "staff_member_import_template": "a download on the import page",
    "people_import_template": "a download on the people import page",
}


def _links(client, url: str) -> set[str]:
    response = client.get(url, follow=True)
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    paths = {urlsplit(href).path for href in HREF.findall(response.content.decode())}
    return {path for path in paths if path.startswith("/") and not path.startswith("/static/")}


def _reachable(client) -> set[str]:
    first = _links(client, reverse("home"))
    seen = set(first)
    for path in sorted(first):
        if path.startswith(("/api/", "/admin/", "/accounts/logout")) or "download" in path:
            continue
        seen |= _links(client, path)
    return seen


def _takes_arguments(rule) -> bool:
    try:
        return rule.kwargs({}) != {}
    except KeyError:  # it reads an object of the world
        return True


def _may_open(role: str) -> dict[str, str]:
    pages = {}
    for name, rule in ACCESS.items():
        if rule.method != "get" or _takes_arguments(rule) or name in NOT_LINKED:
            continue
        url = reverse(name)
        if url.startswith("/api/") or 200 in accepted(rule.expect["anonymous"]):
            continue
        if expected(name, role) == 200:  # a set such as {200, 403} is no page of theirs
            pages[name] = url
    return pages


@pytest.mark.parametrize(
    "role", ["applicant", "other_rep", "secretary_general", "member_affairs", "enrollment_reviewer"]
)
def test_every_page_a_user_may_open_is_reachable_from_their_home(role, world, client):  # noqa: F811
    client.force_login(world["users"][role])
    reachable = _reachable(client)
    missing = {name: url for name, url in _may_open(role).items() if url not in reachable}
    assert not missing, f"{role} cannot reach from their home: {missing}"


def test_the_representatives_home_shows_the_member_navigation(world, client):  # noqa: F811
    client.force_login(world["users"]["other_rep"])
    response = client.get(reverse("home"), follow=True)
    page = response.content.decode()
    for name in ("member_projects", "member_returns", "member_offers", "shared_resources"):
        assert f'href="{reverse(name)}"' in page, name
