"""The operators a service task may name (docs/AUTHORING.md, Service tasks)."""

from __future__ import annotations

from datetime import datetime

from engine.workflow.services import http_call, notify_unit, start_supervision
from engine.workflow.services.base import Context, Operator, ServiceFailure

OPERATORS: dict[str, Operator] = {
    op.name: op for op in (notify_unit.OPERATOR, start_supervision.OPERATOR, http_call.OPERATOR)
}


def known() -> str:
    return ", ".join(OPERATORS)


def run(name: str, values: dict, context: Context, now: datetime) -> object:
    operator = OPERATORS.get(name)
    if operator is None:  # deployed before the operator was removed
        raise ServiceFailure(f"no operator {name!r} (lianxi has {known()})")
    problems = operator.param_problems(set(values)) + operator.value_problems(values)
    if problems:
        raise ServiceFailure("; ".join(problems))
    return operator.run(context, values, now)
