"""The schema. Import models from here; alembic's env reads `Base.metadata`."""

from engine.models.access import ApiToken, LoginSession, LoginThrottle
from engine.models.audit import AuditEvent
from engine.models.base import Base
from engine.models.collab import TaskComment, TaskDraft
from engine.models.meetings import (
    SEALS,
    CoSignature,
    DisputedMatter,
    Distribution,
    Meeting,
    MinutesVersion,
    TopicSuggestion,
)
from engine.models.org import (
    LANE_ROLES,
    LIAISON_ROLES,
    OFFICE_ROLES,
    ROLES,
    Body,
    Person,
    PersonRole,
    Unit,
)
from engine.models.reminders import (
    CalendarDay,
    DeliveryAttempt,
    Notification,
    OutboxMessage,
    Reminder,
    SchedulerLease,
)
from engine.models.system import SimulatedTime
from engine.models.workflow import HumanTask, ProcessInstance, WorkflowSpec

__all__ = [
    "SEALS",
    "CoSignature",
    "DisputedMatter",
    "Distribution",
    "Meeting",
    "MinutesVersion",
    "TopicSuggestion",
    "CalendarDay",
    "DeliveryAttempt",
    "Notification",
    "OutboxMessage",
    "Reminder",
    "SchedulerLease",
    "LANE_ROLES",
    "LIAISON_ROLES",
    "OFFICE_ROLES",
    "ROLES",
    "ApiToken",
    "AuditEvent",
    "Base",
    "Body",
    "HumanTask",
    "LoginSession",
    "LoginThrottle",
    "Person",
    "PersonRole",
    "ProcessInstance",
    "SimulatedTime",
    "TaskComment",
    "TaskDraft",
    "Unit",
    "WorkflowSpec",
]
