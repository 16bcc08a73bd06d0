"""The delivery step of the scheduler pass: send what the outbox holds, through each channel.

Only in sending hours (08:00–20:00 Asia/Shanghai on working days); outside them messages just
wait, but for an urgent one (a major event reported, engine.information.alerts), which goes at
once. Every message sent to a server is settled in its own short write transaction right after
its send, and no transaction is open while a server is talked to, so a scheduler killed mid-batch
loses nothing: what it settled stays settled, what it held goes back to the queue when its outbox
lease runs out. What cannot be closed is the instant between a mail server accepting a mail
and our commit; a mail resent after a crash there carries the same Message-ID. In-app notices
touch no server: a batch of them is written in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.background import Lease, Step
from engine.core.clock import SHANGHAI
from engine.core.config import Settings
from engine.core.db import Database
from engine.core.workdays import WorkCalendar, work_calendar
from engine.reminders import outbox
from engine.reminders.models import OutboxMessage
from notifications import digest
from notifications.channels import DeliveryError, email, in_app, webhook
from notifications.jobs import Job, prepare
from notifications.texts import word

log = logging.getLogger(__name__)

OPENS, CLOSES = time(8, 0), time(20, 0)  # quiet hours are the rest of the day
MAX_BATCHES = 200  # claims per pass (outbox.BATCH each): a backlog beyond that waits a minute

Action = Callable[[Session, OutboxMessage, Job], None]


def sending_hours(db: Database, now: datetime) -> bool:
    local = now.astimezone(SHANGHAI)
    if not OPENS <= local.time() < CLOSES:
        return False
    with db.read_session() as session:
        return work_calendar(session).is_working_day(local.date())


def deliver_due(db: Database, settings: Settings, now: datetime, lease: Lease | None = None) -> int:
    """One delivery pass at `now`; returns how many messages went out. Before each batch the
    scheduler's `lease` is renewed; when another scheduler has taken it over, the pass stops."""
    urgent_only = not sending_hours(db, now)  # in quiet hours only what cannot wait (a major event)
    lease, run = lease or Lease(), Pass(db, settings, now)
    for _ in range(MAX_BATCHES):
        if not lease.renew():
            log.warning("delivery stopped: the scheduler lease went to another scheduler")
            break
        ids = outbox.claim(db, now, run.channels, lease, urgent_only=urgent_only)
        if not ids:
            break
        run.batch(prepare(db, ids, now, settings.base_url))
    run.digests()
    return run.delivered


def next_due(db: Database, settings: Settings, now: datetime) -> datetime | None:
    """When `deliver_due` next has work: the first sending hour at or after the earliest
    message's next attempt, or an urgent message's own next attempt. A message another pass
    holds is due at once: its lease runs on real time, which a simulation does not move."""
    channels = Pass(db, settings, now).channels
    with db.read_session() as session:
        mine = OutboxMessage.channel.in_(channels)
        if session.scalar(select(OutboxMessage.id).where(mine, OutboxMessage.status == "sending").limit(1)):
            return now
        pending = select(func.min(OutboxMessage.next_attempt_at)).where(mine, OutboxMessage.status == "pending")
        first = session.scalar(pending)
        if first is None:
            return None
        urgent = session.scalar(pending.where(OutboxMessage.reminder_id.in_(outbox.urgent_reminders())))
        calendar = work_calendar(session)
    # Not before now: a message waiting since yesterday evening is due at the next sending hour.
    return min(at for at in (_in_sending_hours(max(first, now), calendar), urgent) if at is not None)


def _in_sending_hours(at: datetime, calendar: WorkCalendar) -> datetime:
    """`at`, or the first sending hour after it."""
    local = at.astimezone(SHANGHAI)
    if calendar.is_working_day(local.date()) and OPENS <= local.time() < CLOSES:
        return at
    day = local.date() if local.time() < OPENS else local.date() + timedelta(days=1)
    return datetime.combine(calendar.on_or_after(day), OPENS, tzinfo=SHANGHAI)


STEP = Step("delivery", deliver_due, "{} message(s) delivered", next_due)


class Pass:
    def __init__(self, db: Database, settings: Settings, now: datetime):
        self.db, self.settings, self.now = db, settings, now
        self.down: dict[str, datetime] = {}  # route found unreachable → when its messages try again
        self.for_digest: list[Job] = []  # kept until the pass has claimed all, to make one mail each
        self.delivered = 0

    @property
    def channels(self) -> set[str]:
        # Without an SMTP URL mail stays in the outbox, to go once one is configured.
        return {"in_app", "webhook"} | ({"email"} if self.settings.smtp_url else set())

    def batch(self, jobs: list[Job]) -> None:
        in_app_jobs = []
        for job in jobs:
            if job.digest:
                self.for_digest.append(job)
            elif job.channel == "in_app" and not job.skip_reason:
                in_app_jobs.append(job)
            else:
                self.one(job)
        if in_app_jobs:
            self.delivered += self.write(in_app_jobs, self._in_app)

    def digests(self) -> None:
        for group in digest.by_person(self.for_digest):
            digest.deliver(self, group)

    def one(self, job: Job) -> None:
        if job.skip_reason:
            self.skip([job])
        elif job.route in self.down:
            self.postpone_down([job])
        else:
            self._send(job)

    def _send(self, job: Job) -> None:
        wording = word(job.facts)
        try:
            if job.channel == "email":
                mail = email.Mail(job.address, job.name, wording.subject, wording.body, f"outbox-{job.id}", self.now)
                email.send(self.settings, mail)
            else:
                webhook.send(job.address, wording.subject, wording.markdown)
        except DeliveryError as exc:
            self.failed([job], exc)
        else:
            self.sent([job])

    def _in_app(self, session: Session, message: OutboxMessage, job: Job) -> None:
        wording = word(job.facts)
        try:
            in_app.send(
                session, job.recipient, message.id, job.facts.task_id, wording.subject, wording.notice, self.now
            )
        except DeliveryError as exc:
            outbox.settle(session, message, self.now, str(exc))
        else:
            outbox.settle(session, message, self.now)

    def sent(self, jobs: list[Job]) -> None:
        self.delivered += self.write(jobs, lambda session, message, _job: outbox.settle(session, message, self.now))

    def failed(self, jobs: list[Job], exc: DeliveryError) -> None:
        log.warning("delivery of outbox message(s) %s failed: %s", [job.id for job in jobs], exc)

        def settle(session: Session, message: OutboxMessage, job: Job) -> None:
            outbox.settle(session, message, self.now, str(exc), outage=exc.down)
            if exc.down:  # the rest of this route waits for the same retry
                self.down[job.route] = message.next_attempt_at

        self.write(jobs, settle)

    def skip(self, jobs: list[Job]) -> None:
        self.write(jobs, lambda _session, message, job: outbox.skip(message, job.skip_reason))

    def postpone(self, jobs: list[Job], until: datetime, reason: str) -> None:
        self.write(jobs, lambda _session, message, _job: outbox.postpone(message, until, reason))

    def postpone_down(self, jobs: list[Job]) -> None:
        self.postpone(jobs, self.down[jobs[0].route], f"not tried: {jobs[0].route} was unreachable in this pass")

    def write(self, jobs: list[Job], action: Action) -> int:
        """Apply `action` to each message still held by this pass, in one short transaction."""
        done = 0
        with self.db.write_session() as session:
            for job in jobs:
                message = session.get(OutboxMessage, job.id, with_for_update=True)
                # Held by us only while still `sending` under the lease we claimed; another
                # pass that took it over after the lease ran out settles it, not us.
                if message.status != "sending" or message.lease_until != job.lease_until:
                    log.warning("outbox message %s was taken over by another pass", job.id)
                    continue
                action(session, message, job)
                done += 1
            session.commit()
        return done
