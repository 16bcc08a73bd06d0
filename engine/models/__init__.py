"""The schema. Import models from here; alembic's env reads `Base.metadata`."""

from engine.models.access import ApiToken, LoginSession, LoginThrottle
from engine.models.annual import AnnualCycle, AnnualDraft, AnnualSetting, AnnualSubmission, AnnualTopic
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
from engine.models.plans import DispatchReview, IndicatorReport, IndicatorValue, PlanDeadline, PlanRun
from engine.models.reminders import (
    CalendarDay,
    DeliveryAttempt,
    Notification,
    OutboxMessage,
    Reminder,
    SchedulerLease,
)
from engine.models.supervision import Attachment, Contribution, ExtensionRequest, ProgressReport, SupervisedItem
from engine.models.system import SimulatedTime
from engine.models.workflow import HumanTask, ProcessInstance, WorkflowSpec

__all__ = [
    "AnnualCycle",
    "AnnualDraft",
    "AnnualSetting",
    "AnnualSubmission",
    "AnnualTopic",
    "Attachment",
    "Contribution",
    "ExtensionRequest",
    "ProgressReport",
    "SupervisedItem",
    "DispatchReview",
    "IndicatorReport",
    "IndicatorValue",
    "PlanDeadline",
    "PlanRun",
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
