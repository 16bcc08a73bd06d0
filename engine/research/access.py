"""Who may see a research task: the office, the conveners and the administrator see every one of
their body; a unit's people see those their unit takes part in. Anything else is not found
(NotFound, 404), exactly like an id that does not exist."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.errors import NotFound
from engine.org.models import Person
from engine.research.models import Research


def can_see(person: Person, research: Research) -> bool:
    return research.body_id == person.body_id and (person.sees_whole_body or person.unit.code in research.units)


def visible_research(session: Session, person: Person, research_id: int) -> Research:
    research = session.get(Research, research_id)
    if research is None or not can_see(person, research):
        raise NotFound(f"research {research_id}")
    return research


def visible_list(session: Session, person: Person) -> list[Research]:
    """The research the person may see, the latest planned first. A body plans a few a year, so
    each is checked here rather than in the query."""
    query = select(Research).where(Research.body_id == person.body_id)
    found = session.scalars(query.order_by(Research.planned_at.desc(), Research.id.desc()))
    return [research for research in found if can_see(person, research)]
