"""The office's compiled summary and plan (§二 duty 3): the units' texts gathered into one draft,
ordered by unit, which the office edits rather than retypes. Every save is a new version.

The draft is plain text with a light markup that the .docx export reads: `# ` the title,
`## ` a unit, `### ` a part; consecutive lines with `｜` a table (the first its header).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.annual import plan
from engine.annual.models import AnnualCycle, AnnualDraft
from engine.annual.queries import latest_submissions, member_units
from engine.core.errors import Conflict, FieldError, InvalidData
from engine.org.models import Body

DRAFT_MAX = 200_000
PLAN_HEADER = "工作事项｜负责人｜完成月份"


def gather(session: Session, cycle: AnnualCycle) -> str:
    """Every member unit in roster order with its latest submission: summary, plan, topics."""
    body = session.get(Body, cycle.body_id)
    latest = latest_submissions(session, cycle.id)
    parts = [f"# {body.name}{cycle.year}年度工作总结和{cycle.year + 1}年工作计划", ""]
    for code, name in member_units(session, cycle.body_id):
        parts += [f"## {name}", ""]
        submission = latest.get(code)
        if submission is None:
            parts += ["（尚未报送）", ""]
            continue
        parts += [f"### {cycle.year}年工作总结", submission.summary.strip(), ""]
        parts += [f"### {cycle.year + 1}年重点工作计划", PLAN_HEADER, plan.lines(submission.plan), ""]
        topics = [f"{n}. {t.text}" for n, t in enumerate(submission.topics, start=1)]
        parts += ["### 议题建议", *(topics or ["无"]), ""]
    return "\n".join(parts).rstrip() + "\n"


def latest(session: Session, cycle_id: int) -> AnnualDraft | None:
    return session.scalar(
        select(AnnualDraft).where(AnnualDraft.cycle_id == cycle_id).order_by(AnnualDraft.number.desc()).limit(1)
    )


def versions(session: Session, cycle_id: int) -> list[AnnualDraft]:
    return list(
        session.scalars(select(AnnualDraft).where(AnnualDraft.cycle_id == cycle_id).order_by(AnnualDraft.number))
    )


def current_text(session: Session, cycle: AnnualCycle) -> str:
    """The latest saved version, or the units' texts gathered afresh before the first save."""
    saved = latest(session, cycle.id)
    return saved.text if saved else gather(session, cycle)


def save(session: Session, cycle: AnnualCycle, text: str, based_on: int, by: str, now: datetime) -> AnnualDraft:
    """A new version; refused as stale (409) when someone saved since `based_on` was read, and
    once the result is archived."""
    if cycle.status == "archived":
        raise Conflict(f"the {cycle.year} summary is archived")
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise InvalidData({"text": FieldError("required")})
    if len(text) > DRAFT_MAX:
        raise InvalidData({"text": FieldError("too_long", {"max": DRAFT_MAX})})
    number = session.scalar(select(func.max(AnnualDraft.number)).where(AnnualDraft.cycle_id == cycle.id)) or 0
    if number != based_on:
        raise Conflict(f"draft {number} was saved meanwhile")
    draft = AnnualDraft(cycle_id=cycle.id, number=number + 1, text=text, saved_by=by, saved_at=now)
    session.add(draft)
    session.flush()
    return draft


def ensure_saved(session: Session, cycle: AnnualCycle, by: str, now: datetime) -> AnnualDraft:
    """What becomes final: the latest version, or the gathered texts when nobody edited them."""
    return latest(session, cycle.id) or save(session, cycle, gather(session, cycle), 0, by, now)
