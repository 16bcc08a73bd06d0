"""A unit changes its liaisons while a task addressed to it is open: the task follows them.
Unit tasks are resolved to the unit's current liaisons when shown or reminded, never stored
against a person (engine.workflow.access, engine.workflow.inbox, engine.reminders.recipients)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD
from engine.org import accounts
from engine.org.models import Person, PersonRole, Unit
from engine.reminders import recipients
from engine.workflow.models import HumanTask

OLD = "liaison.scjgj"
PRIMARY, BACKUP = "liaison2.scjgj", "backup.scjgj"


def new_colleagues(db, now: datetime) -> None:
    with UnitOfWork(db) as uow:
        for username in (PRIMARY, BACKUP):
            accounts.create(uow.session, username, "scjgj", [], password=DEMO_PASSWORD, now=now)
        uow.commit()


def change_liaisons(app, now: datetime, signed_in, post) -> None:
    """The office names a new primary and a backup on the unit's page; the old liaison stays in
    the unit on other work."""
    new_colleagues(app.extensions["lianxi"].db, now)
    office = signed_in("office.staff")
    assert post(office, "/units/scjgj/liaisons", {"primary": PRIMARY, "backup": BACKUP}).status_code == 302
    assert "liaison2.scjgj" in office.get("/units/scjgj").text


def test_open_unit_task_follows_a_change_of_liaison(app, clock, signed_in, post, open_task, held, read):
    task = open_task(held, "receive_minutes", unit="scjgj")
    old = signed_in(OLD)  # signed in before the change: the session outlives the role
    assert f"/tasks/{task.id}" in old.get("/").text

    change_liaisons(app, clock.now(), signed_in, post)

    read.rollback()
    owed_to = recipients.owers(read, read.get(HumanTask, task.id))
    assert [p.username for p in owed_to] == [PRIMARY, BACKUP]
    primary, backup = signed_in(PRIMARY), signed_in(BACKUP)
    assert f"/tasks/{task.id}" in primary.get("/").text
    assert f"/tasks/{task.id}" in backup.get("/").text
    assert f"/tasks/{task.id}" not in old.get("/").text
    # still of the unit, the old liaison may read its task but no longer answer for it
    assert post(old, f"/tasks/{task.id}/complete", {"acknowledged": "on"}).status_code == 403

    done = post(primary, f"/tasks/{task.id}/complete", {"acknowledged": "on", "note": "新联络员签收"})
    assert done.status_code == 302
    read.rollback()
    row = read.scalar(select(HumanTask).where(HumanTask.id == task.id))
    assert (row.status, row.completed_by) == ("completed", PRIMARY)


def test_only_the_office_changes_liaisons(app, clock, signed_in, post):
    new_colleagues(app.extensions["lianxi"].db, clock.now())
    liaison = signed_in(OLD)
    assert post(liaison, "/units/scjgj/liaisons", {"primary": PRIMARY}).status_code == 403
    assert post(signed_in("liaison.wjj"), "/units/scjgj/liaisons", {"primary": PRIMARY}).status_code == 404
    assert "更换联络员" not in liaison.get("/units/scjgj").text


def test_a_liaison_from_another_unit_is_refused_and_nothing_changes(app, signed_in, post, read):
    office = signed_in("office.staff")
    before = roles_of(read, "scjgj")
    refused = post(office, "/units/scjgj/liaisons", {"primary": "liaison.wjj"})
    assert refused.status_code == 422
    assert "liaison.wjj 不是" in refused.text
    same = post(office, "/units/scjgj/liaisons", {"primary": OLD, "backup": OLD})
    assert same.status_code == 422 and "备用联络员不能与联络员为同一人" in same.text
    read.rollback()
    assert roles_of(read, "scjgj") == before
    assert read.scalar(select(AuditEvent).where(AuditEvent.action == "liaisons")) is None


def roles_of(session, unit_code: str) -> list[tuple[str, str]]:
    rows = session.execute(
        select(Person.username, PersonRole.role)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .join(Unit, Person.unit_id == Unit.id)
        .where(Unit.code == unit_code)
        .order_by(Person.username, PersonRole.role)
    )
    return [tuple(r) for r in rows]


def test_the_liaison_picker_offers_only_people_who_can_sign_in(app, clock, signed_in):
    """Locked, deactivated, or never given a password: named liaison, the unit's tasks would
    reach nobody who can open them."""
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        for username, password in (("ready.scjgj", DEMO_PASSWORD), ("nopassword.scjgj", None)):
            accounts.create(uow.session, username, "scjgj", [], password=password, now=clock.now())
        for username, field in (("locked.scjgj", "locked"), ("left.scjgj", "active")):
            person = accounts.create(uow.session, username, "scjgj", [], password=DEMO_PASSWORD, now=clock.now())
            setattr(person, field, field == "locked")
        uow.commit()
    picker = signed_in("office.staff").get("/units/scjgj").text
    picker = picker[picker.index('id="primary"') : picker.index("</form>", picker.index('id="primary"'))]
    assert 'value="ready.scjgj"' in picker and 'value="liaison.scjgj"' in picker
    for cannot in ("nopassword.scjgj", "locked.scjgj", "left.scjgj"):
        assert f'value="{cannot}"' not in picker
