"""Information requests (信息征集): the office asks named units by a day; each answer is a report
linked to the request and waiting for review; the matrix says who has answered, and a unit still
owing past the day is reminded."""

from __future__ import annotations

from datetime import datetime

from information_steps import answered, requested
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.information import requests
from engine.reminders import planning
from engine.reminders.models import Reminder
from engine.workflow.models import HumanTask


def test_the_matrix_shows_who_answered_and_a_unit_still_owing_is_reminded(db, clock):
    now = clock.now()
    instance_id = requested(db, now, ["wjj", "zgh", "yjj"], due="2026-11-27")
    answered(db, instance_id, "wjj", now)
    with db.read_session() as session:
        request = requests.of_instance(session, instance_id)
        rows = {row.code: row for row in requests.matrix(session, request)}
    assert list(rows) == ["wjj", "yjj", "zgh"]  # in roster order
    answer = rows["wjj"].report
    assert (answer.status, answer.request_id, answer.title, rows["wjj"].task) == (
        "submitted",
        request.id,
        "走访尘肺病患者家庭情况",
        None,
    )
    assert rows["zgh"].report is None and rows["zgh"].task.due_at.date().isoformat() == "2026-11-27"
    planning.plan_due(db, datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI))
    with db.read_session() as session:
        query = select(Reminder.unit).join(HumanTask).where(HumanTask.instance_id == instance_id)
        assert set(session.scalars(query)) == {"zgh", "yjj"}
