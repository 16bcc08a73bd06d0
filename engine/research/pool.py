"""The topic pool of the next full meeting (议题库), as research feeds it: the office puts a report's
proposal into it, once, and the office compiling the next full meeting's topics sees it beside the
units' annual topic suggestions (webui/research/task_extras.py).

"The next full meeting" is the one after the last the body held: a proposal put in after a full
meeting was held belongs to the full meeting held next, whose round may already be open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from engine.core import audit
from engine.core.errors import Conflict, Forbidden, NotFound
from engine.meetings.models import Meeting
from engine.org.models import Person
from engine.research import access
from engine.research.models import Research, ResearchProposal
from engine.workflow.models import ProcessInstance

# A full meeting in these states has been held (engine.meetings.stages).
HELD = ("held", "drafting", "cosigning", "signing", "issued")


class AlreadyPooled(Conflict):
    """The proposal is in the pool already: a second request finds it done (409)."""

    code = "already_pooled"


@dataclass(frozen=True)
class PooledProposal:
    research_id: int
    subject: str
    number: int
    text: str
    pooled_at: datetime


def put(session: Session, actor: Person, research_id: int, number: int, now: datetime) -> ResearchProposal:
    """The office puts proposal `number` of a research report into the pool. Refused for anyone else
    (403, once the research is theirs to see), and for a proposal in it already (409): the row is
    changed only while it is out of the pool, so two offices at once put it in once."""
    research = access.visible_research(session, actor, research_id)
    if not actor.is_office:
        raise Forbidden("only the office puts a proposal into the topic pool")
    proposal = session.scalar(
        select(ResearchProposal).where(ResearchProposal.research_id == research.id, ResearchProposal.number == number)
    )
    if proposal is None:
        raise NotFound(f"proposal {number} of research {research_id}")
    taken = session.execute(
        update(ResearchProposal)
        .where(ResearchProposal.id == proposal.id, ResearchProposal.pooled_at.is_(None))
        .values(pooled_at=now, pooled_by=actor.username)
        .execution_options(synchronize_session="fetch")
    )
    if taken.rowcount != 1:
        raise AlreadyPooled(f"proposal {number} of research {research_id} is in the topic pool already")
    audit.record(
        session,
        now,
        actor.username,
        "research_proposal_pooled",
        body_id=research.body_id,
        instance_id=research.instance_id,
        summary=proposal.text[:200],
        after={"research": research.id, "number": number},
    )
    return proposal


def for_full_meeting(session: Session, instance: ProcessInstance) -> list[PooledProposal]:
    """The proposals awaiting the full meeting `instance` runs: put in since the body last held a
    full meeting before this one's round opened, and, once this one is held, before it was held."""
    held_before = session.scalar(
        select(func.max(Meeting.meeting_at)).where(
            Meeting.body_id == instance.body_id,
            Meeting.kind == "full",
            Meeting.status.in_(HELD),
            Meeting.meeting_at < instance.started_at,
        )
    )
    query = (
        select(ResearchProposal, Research.subject)
        .join(Research, Research.id == ResearchProposal.research_id)
        .where(Research.body_id == instance.body_id, ResearchProposal.pooled_at.is_not(None))
    )
    if held_before is not None:
        query = query.where(ResearchProposal.pooled_at > held_before)
    this = session.scalar(select(Meeting).where(Meeting.instance_id == instance.id))
    if this is not None and this.status in HELD:
        query = query.where(ResearchProposal.pooled_at <= this.meeting_at)
    rows = session.execute(query.order_by(ResearchProposal.pooled_at, ResearchProposal.id))
    return [PooledProposal(p.research_id, subject, p.number, p.text, p.pooled_at) for p, subject in rows]
