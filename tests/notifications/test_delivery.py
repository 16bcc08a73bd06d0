"""The delivery step over real reminders of the demo office: what arrives, where, and when."""

from __future__ import annotations

from collections import Counter

from information_steps import EVENT, filed, report_of
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.org import accounts
from engine.org.models import Body, Person
from engine.reminders import planning
from engine.reminders.models import DeliveryAttempt, Notification, OutboxMessage
from engine.reminders.nag import nag
from notifications.channels import in_app
from notifications.delivery import deliver_due, next_due
from tests.conftest import DEMO_NOW
from tests.notifications.conftest import email_of, give_everyone_email, later, on

JYJ = email_of("liaison.jyj")


def outbox(db, channel: str | None = None, recipient: str | None = None) -> list[OutboxMessage]:  # noqa: ANN001
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if channel:
        query = query.where(OutboxMessage.channel == channel)
    if recipient:
        query = query.where(OutboxMessage.recipient == recipient)
    with db.read_session() as session:
        return list(session.scalars(query))


def statuses(db, channel: str) -> Counter:  # noqa: ANN001
    return Counter(m.status for m in outbox(db, channel))


def notifications_of(db, username: str) -> list[Notification]:  # noqa: ANN001
    """The reminders delivered in-app to a person (not the demo's meeting notices, which do not
    come through the outbox)."""
    with db.read_session() as session:
        return list(
            session.scalars(
                select(Notification)
                .join(Person, Person.id == Notification.person_id)
                .where(Person.username == username, Notification.message_id.is_not(None))
            )
        )


def body_of(mail) -> str:  # noqa: ANN001
    return mail.get_content().replace("\r\n", "\n")


def test_each_reminder_is_mailed_once_saying_what_is_due_when_with_a_link(db, meeting, mail_settings, mailbox):
    now = on(26, 9, 5)
    planning.plan_due(db, now)
    mails = outbox(db, "email")
    assert deliver_due(db, mail_settings, now) == len(outbox(db)) - statuses(db, "in_app")["pending"]
    assert statuses(db, "email") == {"sent": len(mails)}
    assert sorted(mailbox.ids()) == sorted(f"<lianxi.outbox-{m.id}@127.0.0.1>" for m in mails)
    (mail,) = mailbox.to(JYJ)
    task = walkthrough.open_task(db, meeting, "receive_minutes", "jyj")
    assert mail["Subject"] == "【催办】签收会议纪要 — 截止 2026-11-28 周六"
    assert "【催办】请于 2026-11-28（周六）前办理：签收会议纪要（研究部署年度重点工作）" in body_of(mail)
    assert "办理期限：2026-11-28（周六）13:00" in body_of(mail)
    assert f"办理链接：http://127.0.0.1:5000/tasks/{task.id}" in body_of(mail)
    assert "Task: Acknowledge the minutes" in body_of(mail)
    assert deliver_due(db, mail_settings, later(now, minutes=1)) == 0  # nothing twice
    assert len(mailbox.messages) == len(mails)


def test_in_app_notices_are_written_once_and_mail_waits_without_smtp(db, meeting, settings):
    assert settings.smtp_url is None
    now = on(26, 9, 5)
    planning.plan_due(db, now)
    deliver_due(db, settings, now)
    deliver_due(db, settings, later(now, minutes=5))
    (notice,) = notifications_of(db, "liaison.jyj")
    assert notice.title == "【催办】签收会议纪要 — 截止 2026-11-28 周六"
    assert notice.task_id == walkthrough.open_task(db, meeting, "receive_minutes", "jyj").id
    assert notice.read_at is None  # counts towards the header's unread badge
    # a short Chinese notice with a link inside lianxi, not the e-mail with its English and footer
    assert notice.text.startswith("【催办】请于 2026-11-28（周六）前办理：签收会议纪要（研究部署年度重点工作）")
    assert "办理期限：2026-11-28（周六）13:00" in notice.text and f"办理链接：/tasks/{notice.task_id}" in notice.text
    for mail_only in ("http", "Task:", "Sent automatically by lianxi; please do not reply", "请勿直接回复"):
        assert mail_only not in notice.text
    (message,) = outbox(db, "in_app", "liaison.jyj")
    with db.write_session() as session:  # the same message again, as after a crash: no second row
        in_app.send(session, [in_app.Notice(notice.person_id, message.id, notice.task_id, "t", "x")], now)
        session.commit()
    assert len(notifications_of(db, "liaison.jyj")) == 1
    assert statuses(db, "in_app") == {"sent": len(outbox(db, "in_app"))}
    # "unset = mail goes to the outbox only": untried, not failed, until an SMTP URL is set
    assert statuses(db, "email") == {"pending": len(outbox(db, "email"))}
    assert {m.attempts for m in outbox(db, "email")} == {0}


def test_the_bodys_robot_hears_of_each_reminder(db, meeting, settings, robot):
    with db.write_session() as session:
        session.scalar(select(Body).where(Body.code == "qixing")).webhook_url = robot.url
        session.commit()
    planning.plan_due(db, on(26, 9, 5))
    deliver_due(db, settings, on(26, 9, 5))
    assert len(robot.posts) == len(outbox(db, "webhook")) > 0
    assert statuses(db, "webhook") == {"sent": len(robot.posts)}
    assert {p["msgtype"] for p in robot.posts} == {"markdown"}
    (jyj,) = [p["markdown"] for p in robot.posts if "区教育局" in p["markdown"]["content"]]
    assert jyj["title"] == "【催办】签收会议纪要 — 截止 2026-11-28 周六"
    assert jyj["text"] == jyj["content"]
    assert "**【催办】请于 2026-11-28（周六）前办理：签收会议纪要（研究部署年度重点工作）**" in jyj["content"]
    assert "/tasks/" in jyj["content"]


def test_nothing_goes_out_in_quiet_hours(db, meeting, mail_settings, mailbox):
    evening = on(26, 21)
    planning.plan_due(db, evening)
    for quiet in (evening, on(26, 23, 59), on(27, 7, 59)):
        assert deliver_due(db, mail_settings, quiet) == 0
    assert mailbox.messages == [] and notifications_of(db, "liaison.jyj") == []
    assert deliver_due(db, mail_settings, on(27, 8)) > 0
    assert len(mailbox.to(JYJ)) == 1
    assert len(notifications_of(db, "liaison.jyj")) == 1


def test_nothing_goes_out_on_a_closed_day_not_even_a_manual_nag(db, meeting, mail_settings, mailbox):
    saturday = on(28, 10)
    planning.plan_due(db, saturday)  # Thursday's and Friday's reminders, missed
    with UnitOfWork(db) as uow:
        staff = accounts.find(uow.session, "office.staff")
        nag(uow.session, staff, meeting, "receive_minutes", saturday, "请周一上午签收")
        uow.commit()
    assert deliver_due(db, mail_settings, saturday) == 0
    assert deliver_due(db, mail_settings, on(29, 15)) == 0  # Sunday
    assert mailbox.messages == []
    assert deliver_due(db, mail_settings, on(30, 8)) > 0  # Monday, as the office opens
    bodies = [body_of(m) for m in mailbox.to(JYJ)]
    assert len(bodies) == 3  # before, due and the manual nag: each once
    (manual,) = [b for b in bodies if "办公室工作人员提醒" in b]
    assert "附言：请周一上午签收" in manual


def test_a_digest_person_gets_one_mail_a_day_listing_their_reminders(db, mail_settings, mailbox):
    give_everyone_email(db)
    first = walkthrough.at_receipts(db, DEMO_NOW, ["jyj"], title="研究部署年度重点工作")
    walkthrough.at_receipts(db, DEMO_NOW, ["jyj"], title="研究职业病防治宣传周活动")
    with db.write_session() as session:
        session.scalar(select(Person).where(Person.username == "liaison.jyj")).digest = True
        session.commit()
    planning.plan_due(db, on(26, 9, 5))
    deliver_due(db, mail_settings, on(26, 9, 5))
    (mail,) = mailbox.to(JYJ)
    assert mail["Subject"] == "【催办汇总】2026-11-26（周四） 您有 2 项待办提醒"
    assert "研究部署年度重点工作" in body_of(mail) and "研究职业病防治宣传周活动" in body_of(mail)
    assert len(notifications_of(db, "liaison.jyj")) == 2  # the notification centre is not digested

    with UnitOfWork(db) as uow:  # the office nags in the afternoon: that waits for tomorrow
        nag(uow.session, accounts.find(uow.session, "office.staff"), first, "receive_minutes", on(26, 14))
        uow.commit()
    deliver_due(db, mail_settings, on(26, 14))
    assert len(mailbox.to(JYJ)) == 1
    planning.plan_due(db, on(27, 9, 5))
    deliver_due(db, mail_settings, on(27, 9, 5))
    second = mailbox.to(JYJ)[1]
    assert "您有 3 项待办提醒" in second["Subject"]  # the nag and Friday's two due reminders
    assert len(mailbox.to(JYJ)) == 2
    assert {m.status for m in outbox(db, "email", "liaison.jyj")} == {"sent"}


def test_a_task_answered_after_planning_is_not_nagged(db, meeting, mail_settings, mailbox):
    planning.plan_due(db, on(26, 9, 5))
    task = walkthrough.open_task(db, meeting, "receive_minutes", "jyj")
    walkthrough.complete(db, "liaison.jyj", task.id, {"acknowledged": True}, on(26, 9, 6))
    deliver_due(db, mail_settings, on(26, 9, 7))
    skipped = outbox(db, recipient="liaison.jyj")
    assert {(m.status, m.attempts) for m in skipped} == {("skipped", 0)}
    assert all("answered" in m.last_error for m in skipped)
    assert mailbox.to(JYJ) == [] and notifications_of(db, "liaison.jyj") == []
    assert len(mailbox.to(email_of("liaison.mzj"))) == 1  # the unit that still owes hears of it
    with db.read_session() as session:
        assert session.scalar(select(DeliveryAttempt).where(DeliveryAttempt.message_id == skipped[0].id)) is None


def test_a_major_event_reaches_the_director_in_quiet_hours_and_a_nag_waits(db, settings):
    """A major event is the one message that does not wait for the sending hours (the joint-meeting
    rules §五(一)): filed on a Saturday night, the director has it in-app at once; a liaison
    nagged at the same moment is told on Monday morning."""
    saturday_night = on(28, 22)
    report = report_of(db, filed(db, "yjj", saturday_night, **EVENT))
    meeting = walkthrough.at_receipts(db, saturday_night, ["jyj"])
    with UnitOfWork(db) as uow:
        nag(uow.session, accounts.find(uow.session, "office.staff"), meeting, "receive_minutes", saturday_night)
        uow.commit()
    assert deliver_due(db, settings, saturday_night) >= 1
    (alert,) = notifications_of(db, "office.director")
    assert alert.text.startswith("【紧急】") and report.title in alert.text
    assert notifications_of(db, "liaison.jyj") == []
    assert next_due(db, settings, saturday_night) == on(30, 8)  # Monday, 08:00
    assert deliver_due(db, settings, on(30, 8)) >= 1
    assert notifications_of(db, "liaison.jyj") != []
