"""How a service task's step reaches its operator: SpiffWorkflow evaluates the parameters (in the
sandbox, as every expression) and hands them to the script engine's `call_service`
(engine.workflow.spiff.bounded), which calls `call` here: the named operator runs in the
transaction of the command that moves the instance on (`serving`), at the command's `now`."""

from __future__ import annotations

import contextvars
import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from engine.workflow.models import ProcessInstance
from engine.workflow.services import registry
from engine.workflow.services.base import Context
from engine.workflow.spiff.timeshift import current_now

_serving: contextvars.ContextVar[Context] = contextvars.ContextVar("lianxi_service_context")


@contextmanager
def serving(session: Session, instance: ProcessInstance) -> Iterator[None]:
    """Service steps run while the engine moves `instance` on act in `session`."""
    token = _serving.set(Context(session, instance))
    try:
        yield
    finally:
        _serving.reset(token)


def call(operation_name: str, operation_params: dict) -> str:
    """The operator's result as JSON text, which SpiffWorkflow reads into the task data;
    ServiceFailure for what it could not do."""
    values = {name: param["value"] for name, param in operation_params.items()}
    result = registry.run(operation_name, values, _serving.get(), current_now())
    return json.dumps(result, ensure_ascii=False)
