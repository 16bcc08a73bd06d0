"""What can go wrong, in the words the web (HTTP status) and the CLI (exit status) translate."""

from __future__ import annotations

from dataclasses import dataclass, field


class LianxiError(Exception):
    code = "error"

    def __init__(self, message: str = ""):
        super().__init__(message or self.code)
        self.message = message or self.code


class NotFound(LianxiError):
    """Also what a person gets for something that exists but is not theirs to see."""

    code = "not_found"


class Forbidden(LianxiError):
    code = "forbidden"


class NotReassignable(Forbidden):
    """The task's own rules refuse that assignee; `rule` names which (engine.workflow.access.reassign_refusal)."""

    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


class NoLongerOpen(LianxiError):
    code = "no_longer_open"


class DeadlinePassed(NoLongerOpen):
    """A request that closes at its deadline (`close_at_due`) was answered after it."""

    code = "deadline_passed"


class InvalidData(LianxiError):
    code = "invalid_data"

    def __init__(self, errors: dict, message: str = "invalid fields"):
        super().__init__(message)
        self.errors = errors  # field name -> FieldError


class ProcessFailure(LianxiError):
    """The process definition itself failed (a bad expression, an unknown assignee): nothing
    was saved, and the office's IT staff must fix the BPMN."""

    code = "process_failure"


class Conflict(LianxiError):
    """Someone changed the instance between our read and our write: try again."""

    code = "conflict"


@dataclass(frozen=True)
class FieldError:
    """One field's refusal, as a code the web and the API translate (with its parameters)."""

    code: str  # required | too_long | not_integer | too_small | too_large | not_date | ...
    params: dict = field(default_factory=dict)
