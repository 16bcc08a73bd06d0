"""档案: the office archives the demo's issued meeting from its page (asked to confirm first);
the list filters by year, kind and unit concerned; the package downloads for whoever sees the
whole body; a member unit's liaison and another body's office do not find it."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from engine.archive.models import ArchiveEntry
from engine.meetings.models import Meeting
from tests.other_body import OFFICE, new_body
from tests.web.conftest import page_token

HELD_MEETING = "筹备联席会议全体会议"
CONFIRM = 'data-confirm="归档后不能再修改，确定归档？"'


@pytest.fixture
def held(app) -> Meeting:
    with app.extensions["lianxi"].db.read_session() as session:
        return session.scalar(select(Meeting).where(Meeting.title == HELD_MEETING))


def archive_it(client, meeting_id: int):
    token = page_token(client.get(f"/meetings/{meeting_id}").text)
    return client.post(f"/meetings/{meeting_id}/archive", data={"csrf_token": token})


def entries(app) -> list[ArchiveEntry]:
    with app.extensions["lianxi"].db.read_session() as session:
        return list(session.scalars(select(ArchiveEntry)))


def test_the_button_asks_to_confirm_and_archiving_hides_it(app, held, signed_in):
    office = signed_in("office.staff")
    page = office.get(f"/meetings/{held.id}").text
    assert CONFIRM in page and f"/meetings/{held.id}/archive" in page
    response = archive_it(office, held.id)
    assert response.status_code == 302 and response.location.endswith(f"/meetings/{held.id}")
    page = office.get(f"/meetings/{held.id}").text
    assert "已归档。归档后不能再修改。" in page and CONFIRM not in page
    assert [(e.kind, e.record_id) for e in entries(app)] == [("meeting", held.id)]


def test_a_second_archive_is_refused_in_words(app, held, signed_in):
    office = signed_in("office.staff")
    archive_it(office, held.id)
    response = archive_it(office, held.id)
    assert response.status_code == 302
    assert "此事项已归档，不能重复归档。" in office.get(f"/meetings/{held.id}").text
    assert len(entries(app)) == 1


def test_only_the_office_archives(app, held, signed_in):
    assert archive_it(signed_in("convener"), held.id).status_code == 403
    assert CONFIRM not in signed_in("convener").get(f"/meetings/{held.id}").text
    assert entries(app) == []


def test_the_list_filters_by_year_kind_and_unit(held, signed_in):
    archive_it(signed_in("office.staff"), held.id)
    convener = signed_in("convener")
    unit = held.attended_units[0]
    assert HELD_MEETING in convener.get("/archive").text
    assert HELD_MEETING in convener.get("/archive", query_string={"year": held.issued_at.year, "unit": unit}).text
    assert HELD_MEETING not in convener.get("/archive", query_string={"kind": "request"}).text
    assert HELD_MEETING not in convener.get("/archive", query_string={"year": 1999}).text
    assert HELD_MEETING not in convener.get("/archive", query_string={"unit": "nobody"}).text


def test_the_package_downloads_with_its_index(held, signed_in):
    archive_it(signed_in("office.staff"), held.id)
    page = signed_in("convener").get("/archive").text
    href = page.split('href="/archive/', 1)[1].split('"', 1)[0]
    response = signed_in("convener").get(f"/archive/{href}")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert "index.csv" in names and f"{HELD_MEETING}纪要.docx" in names


def test_another_body_and_a_member_unit_do_not_find_it(app, clock, held, signed_in):
    archive_it(signed_in("office.staff"), held.id)
    new_body(app.extensions["lianxi"].db, clock.now())
    entry_id = entries(app)[0].id
    assert signed_in(OFFICE).get(f"/archive/{entry_id}.zip").status_code == 404
    assert HELD_MEETING not in signed_in(OFFICE).get("/archive").text
    liaison = signed_in("liaison.scjgj")
    assert liaison.get(f"/archive/{entry_id}.zip").status_code == 404
    assert liaison.get("/archive").status_code == 403


def test_the_office_home_links_to_the_archive(signed_in):
    assert 'href="/archive"' in signed_in("office.staff").get("/").text


def test_nothing_is_counted_twice(app, held, signed_in):
    """The unique key stands behind the service's own check."""
    archive_it(signed_in("office.staff"), held.id)
    with app.extensions["lianxi"].db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(ArchiveEntry)) == 1
