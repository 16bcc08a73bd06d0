"""Reading a research task: by its process instance, and each unit's findings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.research.models import Research, ResearchFinding


def of_instance(session: Session, instance_id: int) -> Research | None:
    return session.scalar(select(Research).where(Research.instance_id == instance_id))


def findings(session: Session, research: Research) -> dict[str, ResearchFinding]:
    """The findings sent so far, by unit code."""
    rows = session.scalars(select(ResearchFinding).where(ResearchFinding.research_id == research.id))
    return {row.unit: row for row in rows}


def of_body(session: Session, body_id: int) -> list[Research]:
    """The body's research, the latest planned first (the operator's list: no person's view)."""
    query = select(Research).where(Research.body_id == body_id)
    return list(session.scalars(query.order_by(Research.planned_at.desc(), Research.id.desc())))
