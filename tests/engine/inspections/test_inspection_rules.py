"""What an inspection refuses, keeping nothing of it: a team unit from outside the body, a leader
from outside the team, a finding without a responsible member unit, a finding from outside the
team, and a finding before the plan is approved or after the report is out."""

from __future__ import annotations

import pytest
from inspection_steps import FINDINGS, LEADER, approved, finding, inspection_of, planned, recorded, reported, started
from sqlalchemy import func, select

from engine.core.errors import Forbidden, InvalidData, NoLongerOpen, NotFound
from engine.demo import walkthrough
from engine.inspections.models import Finding
from engine.supervision.models import SupervisedItem

A_FINDING = finding(*FINDINGS[0][:4])


def counts(db) -> tuple[int, int]:
    with db.read_session() as session:
        items = select(func.count()).select_from(SupervisedItem).where(SupervisedItem.source_kind == "inspection")
        return session.scalar(select(func.count()).select_from(Finding)), session.scalar(items)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"team_units": ["rsj", "sfj"]}, "team_units", "unknown_unit"),  # a guest unit is not a member
        ({"team_units": ["rsj", "nosuch"]}, "team_units", "unknown_unit"),
        ({"team_leader": "liaison.mzj"}, "team_leader", "not_eligible"),  # not of a team unit
        ({"period_to": "2026-11-24"}, "period_to", "too_small"),  # before it begins
    ],
)
def test_a_bad_plan_is_refused_and_nothing_kept(db, clock, changes, field, code):
    instance_id = started(db, clock.now())
    with pytest.raises(InvalidData) as refused:
        planned(db, instance_id, clock.now(), **changes)
    assert {name: error.code for name, error in refused.value.errors.items()} == {field: code}
    assert inspection_of(db, instance_id) is None


def test_a_returned_plan_goes_back_to_the_office_with_the_directors_comments(db, clock):
    now = clock.now()
    instance_id = started(db, now)
    planned(db, instance_id, now)
    returned = {"plan_decision": "return", "plan_comments": "请增加区总工会参加"}
    walkthrough.act(db, "office.director", instance_id, "approve_plan", returned, now)
    assert (inspection_of(db, instance_id).status, inspection_of(db, instance_id).plan_comments) == (
        "planning",
        "请增加区总工会参加",
    )
    with pytest.raises(NoLongerOpen):  # no finding before the plan is approved
        recorded(db, instance_id, LEADER, A_FINDING, now)
    planned(db, instance_id, now, team_units=["rsj", "yjj", "zgh", "wsjds"])
    again = inspection_of(db, instance_id)
    assert (again.status, again.team_units, again.plan_comments) == ("approving", ["rsj", "yjj", "zgh", "wsjds"], "")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"responsible_unit": ""}, "responsible_unit", "required"),
        ({"responsible_unit": "sfj"}, "responsible_unit", "unknown_unit"),  # a guest, not a member unit
        ({"responsible_unit": "lg01"}, "responsible_unit", "unknown_unit"),  # no unit of this body
        ({"fix_by": None}, "fix_by", "required"),
        ({"fix_by": "2026-11-01"}, "fix_by", "in_the_past"),
        ({"place": " "}, "place", "required"),
    ],
)
def test_a_bad_finding_is_refused_and_nothing_kept(db, clock, changes, field, code):
    instance_id = approved(db, clock.now())
    with pytest.raises(InvalidData) as refused:
        recorded(db, instance_id, LEADER, {**A_FINDING, **changes}, clock.now())
    assert {name: error.code for name, error in refused.value.errors.items()} == {field: code}
    assert counts(db) == (0, 0)


def test_only_the_team_and_the_office_record_findings(db, clock):
    now = clock.now()
    instance_id = approved(db, now)
    with pytest.raises(NotFound):  # the 区民政局 is neither in the team nor answers a finding
        recorded(db, instance_id, "liaison.mzj", A_FINDING, now)
    recorded(db, instance_id, "office.staff", finding("某电镀厂", "警示标识缺失", "scjgj", "2026-12-31"), now)
    with pytest.raises(Forbidden):  # it sees the inspection now, for its finding, but is not in the team
        recorded(db, instance_id, "liaison.scjgj", A_FINDING, now)
    recorded(db, instance_id, "liaison.rsj", finding("某家具厂", "未告知职业病危害", "rsj", None), now)
    assert counts(db) == (2, 1)  # the second needs no fixing: nothing to supervise


def test_no_finding_after_the_report_is_out(db, clock):
    now = clock.now()
    instance_id = approved(db, now)
    recorded(db, instance_id, "liaison.yjj", A_FINDING, now)
    reported(db, instance_id, now)
    with pytest.raises(NoLongerOpen):
        recorded(db, instance_id, LEADER, A_FINDING, now)
    assert counts(db) == (1, 1)
    assert inspection_of(db, instance_id).status == "reported"
