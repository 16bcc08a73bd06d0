"""The delivery step of the scheduler pass: send what the outbox holds, through each channel.

Only in sending hours (08:00–20:00 Asia/Shanghai on working days); outside them messages just
wait, but for an urgent one (a major event reported, engine.information.alerts), which goes at
once. Every message sent to a server is settled in its own short write transaction right after
its send, and no transaction is open while a server is talked to, so a scheduler killed mid-batch
loses nothing: what it settled stays settled, what it held goes back to the queue when its outbox
lease runs out. What cannot be closed is the instant between a mail server accepting a mail
and our commit; a mail resent after a crash there carries the same Message-ID. In-app notices
touch no server: a batch of them (outbox.IN_APP_BATCH) is written and settled in one short
transaction of a few set-based statements, which a web request waits behind for tens of
milliseconds at most.

Each channel is claimed in turn, a batch at a time, until its queue is empty or the pass has
spent its BUDGET; what is left goes in the next pass, a minute on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta
from time import monotonic

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
from notifications.texts import notice, word

log = logging.getLogger(__name__)

OPENS, CLOSES = time(8, 0), time(20, 0)  # quiet hours are the rest of the day
# Seconds a pass may go on claiming batches: a duration of the process, on the monotonic clock,
# not a date. 100,000 in-app messages take ~10 s; a larger backlog waits for the next pass.
BUDGET = 20.0

Change = Callable[[Session, outbox.Held], list[int] | dict[int, datetime]]


def sending_hours(db: Database, now: datetime) -> bool:
    local = now.astimezone(SHANGHAI)
    if not OPENS <= local.time() < CLOSES:
        return False
    with db.read_session() as session:
        return work_calendar(session).is_working_day(local.date())


def deliver_due(
    db: Database,
    settings: Settings,
    now: datetime,
    lease: Lease | None = None,
    *,
    budget: float = BUDGET,
    stopwatch: Callable[[], float] = monotonic,
) -> int:
    """One delivery pass at `now`; returns how many messages went out. The channels take turns,
    a batch each, until every queue came back short of a batch. Before each batch the
    scheduler's `lease` is renewed (when another scheduler has taken it over, the pass stops)
    and the `budget` of seconds checked on the `stopwatch` (when spent, the rest waits)."""
    urgent_only = not sending_hours(db, now)  # in quiet hours only what cannot wait (a major event)
    lease, run = lease or Lease(), Pass(db, settings, now)
    ends = stopwatch() + budget
    queues = run.queues()
    while queues:
        channel, size = queues.pop(0)
        if stopwatch() >= ends:
            log.info("delivery paused: the pass has spent its %s s; the rest goes in the next", budget)
            break
        if not lease.renew():
            log.warning("delivery stopped: the scheduler lease went to another scheduler")
            break
        ids = outbox.claim(db, now, channel, lease, size, urgent_only=urgent_only)
        if len(ids) == size:  # more may be waiting: its turn again after the others
            queues.append((channel, size))
        if ids:
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

    def queues(self) -> list[tuple[str, int]]:
        """Each channel and its batch: in-app notices by the hundred, written together; mail and
        robots fewer, each sent on its own well within the claim's lease."""
        return [(c, outbox.IN_APP_BATCH if c == "in_app" else outbox.BATCH) for c in sorted(self.channels)]

    def batch(self, jobs: list[Job]) -> None:
        gone = [job for job in jobs if job.skip_reason]
        if gone:
            self.skip(gone)
        live = [job for job in jobs if not job.skip_reason]
        notices = [job for job in live if job.channel == "in_app"]
        if notices:
            self.notify(notices)
        self.for_digest += [job for job in live if job.digest]
        for job in live:
            if job.channel != "in_app" and not job.digest:
                self.one(job)

    def digests(self) -> None:
        for group in digest.by_person(self.for_digest):
            digest.deliver(self, group)

    def one(self, job: Job) -> None:
        if job.route in self.down:
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

    def notify(self, jobs: list[Job]) -> None:
        """In-app notices touch no server: the batch's rows and its settlement in one write."""
        notices = {job.id: _notice(job) for job in jobs}  # worded before the transaction opens

        def send(session: Session, held: outbox.Held) -> list[int]:
            done = outbox.sent(session, held, self.now)
            in_app.send(session, [notices[i] for i in done], self.now)
            return done

        self.delivered += len(self.settle(jobs, send))

    def sent(self, jobs: list[Job]) -> None:
        self.delivered += len(self.settle(jobs, lambda session, held: outbox.sent(session, held, self.now)))

    def failed(self, jobs: list[Job], exc: DeliveryError) -> None:
        log.warning("delivery of outbox message(s) %s failed: %s", [job.id for job in jobs], exc)
        retries = self.settle(
            jobs, lambda session, held: outbox.failed(session, held, self.now, str(exc), outage=exc.down)
        )
        if exc.down and retries:  # the rest of this route waits for the same retry
            self.down[jobs[0].route] = min(retries.values())

    def skip(self, jobs: list[Job]) -> None:
        reasons = {job.id: job.skip_reason for job in jobs}
        self.settle(jobs, lambda session, held: outbox.skip(session, held, reasons))

    def postpone(self, jobs: list[Job], until: datetime, reason: str) -> None:
        self.settle(jobs, lambda session, held: outbox.postpone(session, held, until, reason))

    def postpone_down(self, jobs: list[Job]) -> None:
        self.postpone(jobs, self.down[jobs[0].route], f"not tried: {jobs[0].route} was unreachable in this pass")

    def settle(self, jobs: list[Job], change: Change) -> list[int] | dict[int, datetime]:
        """`change` the messages of `jobs` this pass still holds, in one short write transaction;
        what it returns, keyed by the ids it changed."""
        with self.db.write_session() as session:
            done = change(session, {job.id: job.lease_until for job in jobs})
            session.commit()
        lost = sorted({job.id for job in jobs} - set(done))
        if lost:
            log.warning("outbox message(s) %s were taken over by another pass", lost)
        return done


def _notice(job: Job) -> in_app.Notice:
    return in_app.Notice(job.person_id, job.id, job.facts.task_id, *notice(job.facts))
