"""A fault in a plan file, located by line and dotted field path."""

from __future__ import annotations

from engine.core.errors import LianxiError


class PlanError(LianxiError):
    """One or more faults in a plan file. The first is `file`, `line`, `field`, `message`; `errors`
    holds every one (itself when there is just one), each a PlanError, sorted by line."""

    code = "invalid_plan"

    def __init__(self, file: str, line: int | None, field: str, message: str, errors=None):
        super().__init__(message)
        self.file = file
        self.line = line
        self.field = field
        self.errors: list[PlanError] = list(errors) if errors else [self]

    def describe(self) -> str:
        """FILE:LINE: field: message, as editors and CI annotations read it."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}"

    def __str__(self) -> str:
        return "\n".join(error.describe() for error in self.errors)

    @classmethod
    def many(cls, faults: list[PlanError]) -> PlanError:
        first = faults[0]
        return cls(first.file, first.line, first.field, first.message, errors=faults)
