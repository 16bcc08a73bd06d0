"""The daily digest: one mail a day listing all of a person's reminders, for those who chose
it instead of a mail per reminder.

It goes at DIGEST_AT, the default policy's hour, so that the day's planned reminders are in
it; what falls due after today's digest has gone waits for tomorrow's. In-app notices are not
affected: they arrive one by one as always.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.db import Database
from engine.core.workdays import work_calendar
from engine.reminders.models import OutboxMessage
from notifications.channels import DeliveryError, email
from notifications.jobs import Job
from notifications.texts import digest as digest_wording

if TYPE_CHECKING:
    from notifications.delivery import Pass

DIGEST_AT = time(9, 0)


def by_person(jobs: list[Job]) -> list[list[Job]]:
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.recipient, []).append(job)
    return list(groups.values())


def deliver(run: Pass, jobs: list[Job]) -> None:
    """One person's claimed e-mail messages (those still to send): one mail for all, settled
    together."""
    if "email" in run.down:
        run.postpone_down(jobs)
        return
    wait = not_before(run.db, jobs[0].recipient, run.now)
    if wait is not None:
        run.postpone(jobs, wait, "waiting for the daily digest")
        return
    try:
        email.send(run.settings, mail(jobs, run.now))
    except DeliveryError as exc:
        run.failed(jobs, exc)
    else:
        run.sent(jobs)


def not_before(db: Database, recipient: str, now: datetime) -> datetime | None:
    """None when the digest may go now, else when it may: today at DIGEST_AT, or the next
    working day's if today's has gone already."""
    local = now.astimezone(SHANGHAI)
    midnight = datetime.combine(local.date(), time(0), tzinfo=SHANGHAI)
    with db.read_session() as session:
        sent_today = session.scalar(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.recipient == recipient,
                OutboxMessage.channel == "email",
                OutboxMessage.status == "sent",
                OutboxMessage.sent_at >= midnight,
            )
            .limit(1)
        )
        if sent_today is not None:
            day = work_calendar(session).nth_working_day_after(local.date(), 1)
            return datetime.combine(day, DIGEST_AT, tzinfo=SHANGHAI)
    if local.time() < DIGEST_AT:
        return datetime.combine(local.date(), DIGEST_AT, tzinfo=SHANGHAI)
    return None


def mail(jobs: list[Job], now: datetime) -> email.Mail:
    wording = digest_wording([job.facts for job in jobs], now)
    ids = ",".join(str(job.id) for job in jobs)
    # The same set of messages makes the same Message-ID, so a digest resent after a crash
    # between the server's acceptance and our commit is recognisably the same mail.
    key = f"digest-{jobs[0].id}-{hashlib.sha256(ids.encode()).hexdigest()[:12]}"
    return email.Mail(jobs[0].address, jobs[0].name, wording.subject, wording.body, key, now)
