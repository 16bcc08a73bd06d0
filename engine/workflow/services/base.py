"""What an operator is: its parameters, each with the checks its value passes — the same on a
literal value when the process is deployed and on the evaluated value when the step runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from engine.workflow.models import ProcessInstance


class ServiceFailure(Exception):
    """What an operator could not do, in one line: the step fails and becomes an incident."""


@dataclass(frozen=True)
class Context:
    """What an operator acts in: the step's transaction and the instance whose step it is."""

    session: Session
    instance: ProcessInstance


@dataclass(frozen=True)
class Param:
    kind: type | tuple[type, ...]
    required: bool = True
    check: Callable[[object], str | None] | None = None  # a problem with a well-typed value, or None

    def problem(self, value: object) -> str | None:
        if not isinstance(value, self.kind) or (isinstance(value, bool) and self.kind is int):
            return f"is {type(value).__name__}, not {_kind_name(self.kind)}"
        return self.check(value) if self.check else None


@dataclass(frozen=True)
class Operator:
    name: str
    params: dict[str, Param]
    run: Callable[[Context, dict, datetime], object]  # the result, as JSON can hold it

    def param_problems(self, given: set[str]) -> list[str]:
        """What is wrong with the parameters named: unknown ones, missing required ones."""
        known = ", ".join(self.params)
        unknown = [f"has no parameter {n!r} (its parameters: {known})" for n in sorted(given - self.params.keys())]
        missing = [f"needs the parameter {n!r}" for n, p in self.params.items() if p.required and n not in given]
        return unknown + missing

    def value_problems(self, values: dict) -> list[str]:
        checked = ((name, self.params[name].problem(value)) for name, value in values.items() if name in self.params)
        return [f"parameter {name!r} {problem}" for name, problem in checked if problem]


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)
