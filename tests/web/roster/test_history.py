"""A unit's membership history (成员调整): recording a change dated the day it took effect, and
the refusals that keep the history true and the unit reachable."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.org.models import SeatHolding, Unit


def holdings(read, code: str) -> list[tuple]:
    read.rollback()
    rows = read.scalars(select(SeatHolding).join(Unit).where(Unit.code == code).order_by(SeatHolding.id))
    return [(h.seat, h.person.username, str(h.from_day), str(h.until_day) if h.until_day else None) for h in rows]


def test_the_history_page_shows_the_holders_and_the_form(admin):
    page = admin.get("/roster/units/mzj/history").text
    assert "区民政局成员调整" in page and "liaison.mzj" in page and "member.mzj" in page
    assert "2026-11-23" in page and "至今" in page
    assert 'action="/roster/units/mzj/history"' in page and "data-confirm=" in page
    assert '<option value="">空缺</option>' in page


def test_a_change_is_recorded_with_its_day_and_the_old_holding_closed(admin, post, read, person_row, audited):
    new = {"username": "backup.mzj", "display_name": "赵敏", "unit": "mzj"}
    assert post(admin, "/roster/people", new).status_code == 200
    data = {"seat": "liaison", "person": "backup.mzj", "on_day": "2026-11-23", "note": "据区民政局来函"}
    response = post(admin, "/roster/units/mzj/history", data)
    assert response.status_code == 302 and response.location == "/roster/units/mzj/history"
    assert ("liaison", "liaison.mzj", "2026-11-23", "2026-11-23") in holdings(read, "mzj")
    assert ("liaison", "backup.mzj", "2026-11-23", None) in holdings(read, "mzj")
    assert "liaison" in person_row("backup.mzj").roles and "liaison" not in person_row("liaison.mzj").roles
    event = audited("seat_change")[-1]
    assert event.actor == "office.director" and event.after == {"liaison": "backup.mzj"}
    page = admin.get("/roster/units/mzj/history").text
    assert "据区民政局来函" in page and "赵敏" in page


def test_a_seat_is_left_empty(admin, post, read):
    data = {"seat": "member", "person": "", "on_day": "2026-11-23"}
    assert post(admin, "/roster/units/mzj/history", data).status_code == 302
    assert ("member", "member.mzj", "2026-11-23", "2026-11-23") in holdings(read, "mzj")


MEMBER_AS_LIAISON = {"seat": "liaison", "person": "member.mzj"}


@pytest.mark.parametrize(
    ("code", "data", "message"),
    [
        ("mzj", MEMBER_AS_LIAISON | {"on_day": "2026-11-01"}, "不能早于该席位上一次调整（2026-11-23）"),
        ("mzj", MEMBER_AS_LIAISON | {"on_day": "2026-12-01"}, "生效日期不能晚于今天。"),
        ("mzj", MEMBER_AS_LIAISON | {"on_day": "11/23"}, "请输入有效日期"),
        ("mzj", {"seat": "liaison", "person": "liaison.wjj", "on_day": "2026-11-23"}, "此人不是该单位的在职人员。"),
        ("mzj", {"seat": "backup_liaison", "person": "liaison.mzj", "on_day": "2026-11-23"}, "不能与联络员为同一人"),
        ("mzj", {"seat": "chair", "person": "member.mzj", "on_day": "2026-11-23"}, "请从选项中选择。"),
        ("scjgj", {"seat": "liaison", "person": "", "on_day": "2026-11-23"}, "该单位还有在办事项，不能没有联络员。"),
    ],
)
def test_a_bad_change_is_refused_and_nothing_recorded(admin, post, roster_state, code, data, message):
    before = roster_state()
    response = post(admin, f"/roster/units/{code}/history", data)
    assert response.status_code == 422 and message in response.text
    assert f'value="{data["on_day"]}"' in response.text  # what was typed is kept
    assert roster_state() == before
