"""Every roster page opens for the body's administrator, in both languages, and for no one else:
the office, a convener or a liaison gets 403, and nothing is changed by their posts."""

from __future__ import annotations

import pytest

PAGES = [
    "/roster",
    "/roster/body",
    "/roster/units",
    "/roster/units/wjj",
    "/roster/units/qzf",
    "/roster/units/wjj/history",
    "/roster/people",
    "/roster/people?unit=mzj",
    "/roster/people/liaison.mzj",
    "/roster/import",
]
POSTS = [
    "/roster/body",
    "/roster/units",
    "/roster/units/wjj",
    "/roster/units/wjj/retire",
    "/roster/units/wjj/history",
    "/roster/people",
    "/roster/people/liaison.mzj",
    "/roster/people/liaison.mzj/roles",
    "/roster/people/liaison.mzj/password",
    "/roster/people/liaison.mzj/lock",
    "/roster/people/liaison.mzj/deactivate",
    "/roster/import",
    "/roster/import/confirm",
]


@pytest.mark.parametrize("path", PAGES)
def test_the_administrator_opens_every_page(admin, path):
    page = admin.get(path)
    assert page.status_code == 200, page.text
    assert "名册管理" in page.text
    english = admin.get(path + ("&" if "?" in path else "?") + "lang=en")
    assert english.status_code == 200 and "Roster" in english.text


def test_the_overview_shows_the_profile_and_links(admin):
    page = admin.get("/roster").text
    assert "七星区职业病防治工作局际联席会议" in page and "七星区人民政府" in page
    assert "区卫生健康局办公室" in page and "七星职防联" in page
    links = ("/roster/body", "/roster/units", "/roster/people", "/roster/import", "/admin/reminders", "/admin/annual")
    assert all(f'href="{link}"' in page for link in links)


@pytest.mark.parametrize("username", ["liaison.wjj", "office.staff", "convener"])
def test_anyone_but_the_administrator_gets_403(signed_in, post, roster_state, username):
    client = signed_in(username)
    for path in PAGES + ["/roster/export.xlsx", "/roster/template.xlsx"]:
        assert client.get(path).status_code == 403, path
    before = roster_state()
    for path in POSTS:
        assert post(client, path, {"name": "x", "roles": ["admin"], "locked": "1"}).status_code == 403, path
    assert roster_state() == before


def test_a_unit_or_person_that_does_not_exist_is_not_found(admin, post):
    assert admin.get("/roster/units/nosuch").status_code == 404
    assert admin.get("/roster/units/nosuch/history").status_code == 404
    assert admin.get("/roster/people/nobody").status_code == 404
    assert post(admin, "/roster/people/nobody/lock", {"locked": "1"}).status_code == 404
