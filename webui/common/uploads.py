"""Files given to a task form's `file` fields, whichever way they came: the task page's file
inputs, the API's multipart parts, the CLI's --file options. Each arrives as (field name, filename,
bytes) and becomes the engine's Upload among the form's values; the engine checks type and size.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from engine.org.models import Person
from engine.workflow import access, tasks
from engine.workflow.forms import Upload

Given = tuple[str, str, bytes]  # (field name, filename, content)


class MisplacedFile(ValueError):
    """A file the form has no place for: the request itself is wrong (API 400, CLI exit 6), not
    a field's answer for the person to correct, so nothing of it is kept."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def file_fields(form: dict) -> list[str]:
    return [spec["name"] for spec in form["fields"] if spec["type"] == "file"]


def with_files(form: dict, values: dict, given: Iterable[Given]) -> dict:
    """`values` with each file given as its field's Upload. A file for a field that is not one of
    the form's file fields, one without a filename, or a second one for a field refuses them all."""
    fields = file_fields(form)
    merged, named = dict(values), set()
    for name, filename, content in given:
        if name not in fields:
            offered = ", ".join(fields) or "none"
            raise MisplacedFile(name, f"{name} is not a file field of this task's form (its file fields: {offered})")
        if not filename:
            raise MisplacedFile(name, f"the file for {name} has no filename")
        if name in named:
            raise MisplacedFile(name, f"{name} takes one file, several were given")
        named.add(name)
        merged[name] = Upload(filename, content)
    return merged


def with_task_files(session: Session, person: Person, task_id: str, values: dict, given: list[Given]) -> dict:
    """`with_files` for the form of the task as the person may see it (NotFound otherwise); with
    no files, the values as they are, so a submission without files reads nothing more."""
    if not given:
        return values
    return with_files(tasks.form_of(access.visible_task(session, person, task_id)), values, given)
