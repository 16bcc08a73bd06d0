"""The promises about failure: a mail server down for a while, the scheduler down for days, two
schedulers at once, and a scheduler killed in the middle of a batch. Each ends with every mail
arrived exactly once, counted by Message-ID on a real SMTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from engine.core.clock import SHANGHAI
from engine.core.models import SchedulerLease
from engine.core.simulated_time import SimulatedClock
from engine.demo import walkthrough
from engine.reminders import planning
from engine.reminders.models import DeliveryAttempt, OutboxMessage, Reminder
from notifications.delivery import deliver_due
from tests.conftest import DEMO_NOW
from tests.notifications.conftest import (
    UNITS,
    Mailbox,
    SmtpServer,
    email_of,
    give_everyone_email,
    later,
    on,
    wait_for,
)

LIANXI = Path(sys.executable).parent / "lianxi"
SUBPROCESS_WAIT = 60  # seconds: a scheduler starts in a few, then passes every second
LONG_AGO = datetime(2000, 1, 1, tzinfo=SHANGHAI)
START = on(26, 9, 5)  # Thursday: the meeting's "before" reminders and the demo's overdue ones


def emails(db) -> list[OutboxMessage]:  # noqa: ANN001
    with db.read_session() as session:
        return list(session.scalars(select(OutboxMessage).where(OutboxMessage.channel == "email")))


def unsettled(db) -> int:  # noqa: ANN001
    with db.read_session() as session:
        return session.scalar(
            select(func.count()).where(OutboxMessage.status.in_(("pending", "sending"))).select_from(OutboxMessage)
        )


def attempts(db) -> list[DeliveryAttempt]:  # noqa: ANN001
    with db.read_session() as session:
        return list(session.scalars(select(DeliveryAttempt).order_by(DeliveryAttempt.id)))


def assert_each_mail_arrived_once(mailbox: Mailbox, messages: list[OutboxMessage]) -> None:
    ids = mailbox.ids()
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert sorted(ids) == sorted(f"<lianxi.outbox-{m.id}@127.0.0.1>" for m in messages)


def test_mail_held_up_by_a_dead_smtp_server_arrives_once_when_it_is_back(db, meeting, settings, mailbox):
    server = SmtpServer(mailbox)  # not started yet: nothing listens on its port
    settings = replace(settings, smtp_url=server.url)
    planning.plan_due(db, START)
    expected = emails(db)
    try:
        deliver_due(db, settings, START)
        # One probe per pass finds the server down; the rest wait for the same retry, untried.
        (probe,) = [m for m in emails(db) if m.attempts]
        assert probe.next_attempt_at == later(START, minutes=1) and "Connection refused" in probe.last_error
        assert {(m.attempts, m.next_attempt_at) for m in emails(db) if m.id != probe.id} == {(0, probe.next_attempt_at)}
        tried = len(attempts(db))
        deliver_due(db, settings, later(START, seconds=59))  # backoff: nothing is retried early
        assert len(attempts(db)) == tried
        deliver_due(db, settings, later(START, minutes=1))  # 2nd try; the next one in 2 minutes
        deliver_due(db, settings, later(START, minutes=2))
        assert len(attempts(db)) == tried + 1
        deliver_due(db, settings, later(START, minutes=3))  # 3rd try; then 4 minutes
        server.start()
        deliver_due(db, settings, later(START, minutes=6))
        assert mailbox.messages == []  # back, but the backoff has the last word
        deliver_due(db, settings, later(START, minutes=7))
        deliver_due(db, settings, later(START, minutes=20))
    finally:
        server.stop()
    assert_each_mail_arrived_once(mailbox, expected)
    assert {m.status for m in emails(db)} == {"sent"}
    failures = [a for a in attempts(db) if a.message_id == probe.id and not a.ok]
    assert len(failures) == 3 and all("Connection refused" in a.error for a in failures)


def test_reminders_missed_while_the_scheduler_was_down_go_once_marked_late(db, meeting, mail_settings, mailbox):
    back = on(30, 10)  # nothing ran from Thursday morning to Monday 10:00
    for minute in range(3):
        planning.plan_due(db, later(back, minutes=minute))
        deliver_due(db, mail_settings, later(back, minutes=minute))
    with db.read_session() as session:
        kinds = sorted(session.scalars(select(Reminder.kind).where(Reminder.unit == "jyj", Reminder.late)))
    assert kinds == ["before", "due", "escalation", "overdue"]
    mails = mailbox.to(email_of("liaison.jyj"))  # the escalation goes to the office and the leader
    assert len(mails) == 3
    assert all("因系统暂停而延后送达" in m.get_content() for m in mails)
    assert_each_mail_arrived_once(mailbox, emails(db))


def test_two_deliveries_at_once_on_postgresql_send_each_mail_once(pg_demo, settings, smtp, mailbox):
    give_everyone_email(pg_demo)
    walkthrough.at_receipts(pg_demo, DEMO_NOW, UNITS)
    planning.plan_due(pg_demo, START)
    settings = replace(settings, smtp_url=smtp.url)
    together, counts = threading.Barrier(2), []

    def deliver() -> None:
        together.wait(timeout=30)
        counts.append(deliver_due(pg_demo, settings, START))

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with pg_demo.read_session() as session:
        total = session.scalar(select(func.count()).select_from(OutboxMessage))
    assert sum(counts) == total and unsettled(pg_demo) == 0
    assert_each_mail_arrived_once(mailbox, emails(pg_demo))


def scheduler_env(db, smtp_url: str, home: Path) -> dict[str, str]:  # noqa: ANN001
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIANXI_", "FLASK_"))}
    return env | {
        "LIANXI_DATABASE_URL": db.engine.url.render_as_string(hide_password=False),
        "LIANXI_SMTP_URL": smtp_url,
        "LIANXI_CLOCK": "simulated",
        "LIANXI_INSTANCE_DIR": str(home / "instance"),
        "LIANXI_SCHEDULER_EVERY_SECONDS": "1",
        "FLASK_SKIP_DOTENV": "1",
    }


@contextmanager
def schedulers(env: dict[str, str], home: Path, count: int = 1) -> Iterator[list[subprocess.Popen]]:
    """Real `lianxi scheduler` processes; however the test ends, each is stopped and reaped."""
    logs = [(home / f"scheduler-{len(list(home.glob('scheduler-*')))}-{i}.log").open("w") for i in range(count)]
    processes = []
    try:
        for log in logs:
            processes.append(subprocess.Popen([LIANXI, "scheduler"], env=env, cwd=home, stdout=log, stderr=log))
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in logs:
            log.close()


def ready(db) -> list[OutboxMessage]:  # noqa: ANN001
    """Plan at START, in simulated time, and return the mails the schedulers should send."""
    give_everyone_email(db)
    walkthrough.at_receipts(db, DEMO_NOW, UNITS)
    SimulatedClock(db).move_to(START)
    planning.plan_due(db, START)
    return emails(db)


@pytest.mark.slow  # real scheduler processes, waited for in wall-clock time
def test_two_scheduler_processes_on_postgresql_send_each_mail_once(pg_demo, smtp, mailbox, tmp_path):
    expected = ready(pg_demo)
    with schedulers(scheduler_env(pg_demo, smtp.url, tmp_path), tmp_path, count=2) as (first, second):
        wait_for(lambda: unsettled(pg_demo) == 0, SUBPROCESS_WAIT, "the schedulers to deliver everything")
        logs = sorted(tmp_path.glob("scheduler-*.log"))
        wait_for(lambda: all("scheduler pass" in log.read_text() for log in logs), SUBPROCESS_WAIT, "both to pass")
        assert first.poll() is None and second.poll() is None  # both really ran
    assert_each_mail_arrived_once(mailbox, expected)
    assert Counter(a.message_id for a in attempts(pg_demo) if a.message_id in {m.id for m in expected}) == {
        m.id: 1 for m in expected
    }
    assert sum("another scheduler holds the lease" in log.read_text() for log in logs) == 1


@pytest.mark.slow  # real scheduler processes, waited for in wall-clock time
def test_a_scheduler_killed_mid_batch_loses_nothing_and_repeats_nothing(pg_demo, tmp_path):
    expected = ready(pg_demo)
    mailbox = Mailbox(hold_after=5)  # accepts five mails, then holds the sixth in DATA
    server = SmtpServer(mailbox).start()
    env = scheduler_env(pg_demo, server.url, tmp_path)
    try:
        with schedulers(env, tmp_path) as (doomed,):
            wait_for(mailbox.holding.is_set, SUBPROCESS_WAIT, "the sixth mail to be under way")
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(timeout=30)
        mailbox.release.set()  # the server refuses what it was holding: that mail never arrived
        assert len(mailbox.messages) == 5
        assert "sending" in {m.status for m in emails(pg_demo)}  # claimed by the dead process
        # What the dead process held comes back once its outbox lease has run out. Both its
        # leases run on real time (about processes, not deadlines): end them for the test.
        with pg_demo.write_session() as session:
            session.execute(delete(SchedulerLease))
            session.execute(update(OutboxMessage).where(OutboxMessage.status == "sending").values(lease_until=LONG_AGO))
            session.commit()
        with schedulers(env, tmp_path):
            wait_for(lambda: unsettled(pg_demo) == 0, SUBPROCESS_WAIT, "the restarted scheduler to catch up")
    finally:
        server.stop()
    assert_each_mail_arrived_once(mailbox, expected)
    assert {(m.status, m.attempts) for m in emails(pg_demo)} == {("sent", 1)}
