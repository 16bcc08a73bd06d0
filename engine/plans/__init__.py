"""Action-plan files (行动方案): their model, loading with validation, and the deadlines they generate."""

from __future__ import annotations

from engine.plans.errors import PlanError
from engine.plans.loader import load_plan, parse_plan, plan_notes
from engine.plans.model import (
    Action,
    Deadline,
    Deliverable,
    Indicator,
    Phase,
    Plan,
    PlanUnit,
    Review,
    Rule,
    Target,
)
from engine.plans.reviews import every_task
from engine.plans.schedule import schedule

__all__ = [
    "Action",
    "Deadline",
    "Deliverable",
    "Indicator",
    "Phase",
    "Plan",
    "PlanError",
    "PlanUnit",
    "Review",
    "Rule",
    "Target",
    "every_task",
    "load_plan",
    "parse_plan",
    "plan_notes",
    "schedule",
]
