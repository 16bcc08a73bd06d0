"""Who hears about a task: those who still owe it, and for escalations the office and the
unit's responsible leader. Resolved when the reminder is made, so a change of liaison counts,
from the body's people read once for the pass (a province's pass addresses thousands of units
and roles across hundreds of bodies: a query each cost ~3 ms)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.org.models import LANE_ROLES, LIAISON_ROLES, OFFICE_ROLES, Body, Person, Unit
from engine.org.queries import primary_first
from engine.workflow.models import HumanTask

DEFAULT_CHANNELS = ("in_app", "email")


class Directory:
    """A body's active people with their units' codes and their roles, read in one statement."""

    def __init__(self, session: Session, body_id: int):
        query = select(Person, Unit.code).join(Unit, Unit.id == Person.unit_id)
        query = query.where(Person.body_id == body_id, Person.active).order_by(Person.id)
        self._people = session.execute(query).tuples().all()

    def holding(self, roles, unit: str | None = None) -> list[Person]:  # noqa: ANN001 (any set of roles)
        return [person for person, code in self._people if person.roles & roles and unit in (None, code)]

    def owers(self, session: Session, task: HumanTask) -> list[Person]:
        if task.assignee_kind == "unit":
            return primary_first(self.holding(LIAISON_ROLES, task.assignee))
        if task.assignee_kind == "person":
            return list(session.scalars(select(Person).where(Person.username == task.assignee, Person.active)))
        return self.holding(LANE_ROLES.get(task.assignee, frozenset()))

    def escalation_to(self, task: HumanTask) -> list[Person]:
        people = self.holding(OFFICE_ROLES)
        if task.assignee_kind == "unit":
            people += self.holding({"member"}, unit=task.assignee)
        return people


def owers(session: Session, task: HumanTask) -> list[Person]:
    """Who owes the task now, for one task alone."""
    return Directory(session, task.body_id).owers(session, task)


def channels_of(person: Person) -> list[str]:
    chosen = person.channels if person.channels is not None else DEFAULT_CHANNELS
    return [c for c in chosen if c != "email" or person.email]


def choose_channels(person: Person, *, by_email: bool, email: str | None, digest: bool) -> None:
    """The person's own choice (通知设置): in-app always, e-mail too if they ask; a digest person
    gets one e-mail a day. The caller has checked the address; the caller commits."""
    person.channels = ["in_app", "email"] if by_email else ["in_app"]
    person.email = email or None
    person.digest = digest


def webhook_of(session: Session, body_id: int) -> str | None:
    body = session.get(Body, body_id)
    return f"body:{body.code}" if body.webhook_url else None


class Audience:
    """(recipient, channel) for each message a reminder sends. A planning pass keeps one: its
    tasks are addressed to a few units and roles over and over, so each addressee's people are
    looked up once a pass per kind of reminder, and each body's robot once."""

    def __init__(self):
        self._found: dict[tuple, list[tuple[str, str]]] = {}
        self._robots: dict[int, str | None] = {}
        self._directories: dict[int, Directory] = {}

    def of(self, session: Session, task: HumanTask, kind: str) -> list[tuple[str, str]]:
        escalating = kind == "escalation"
        key = (task.body_id, task.assignee_kind, task.assignee, escalating)
        if key not in self._found:
            if task.body_id not in self._directories:
                self._directories[task.body_id] = Directory(session, task.body_id)
            found = self._directories[task.body_id]
            people = found.escalation_to(task) if escalating else found.owers(session, task)
            pairs = [(person.username, channel) for person in people for channel in channels_of(person)]
            robot = self._robot(session, task.body_id)
            self._found[key] = pairs + ([(robot, "webhook")] if robot else [])
        return self._found[key]

    def _robot(self, session: Session, body_id: int) -> str | None:
        if body_id not in self._robots:
            self._robots[body_id] = webhook_of(session, body_id)
        return self._robots[body_id]
