"""How much text a person may give where the engine takes it: a title, a note beside an action, free
text. Checked by the engine's services, so the pages, the API and the command line refuse alike
(a 1 MB title given to the API was once kept whole in the process data)."""

from __future__ import annotations

import json

from engine.core.errors import FieldError, InvalidData

TITLE_MAX = 300  # the width of the title columns
NOTE_MAX = 500  # a note beside an action: a reminder's, a membership change's
TEXT_MAX = 10_000  # free text: a reason, a value of a process's start data


def refuse_long(values: dict, default: int = TEXT_MAX, **limits: int) -> None:
    """InvalidData naming each value longer than its limit (`limits` by name, else `default`): a
    text by its characters, anything else by its JSON. What is not text is the caller's to refuse."""
    errors = {
        name: FieldError("too_long", {"max": limits.get(name, default)})
        for name, value in values.items()
        if _length(value) > limits.get(name, default)
    }
    if errors:
        raise InvalidData(errors)


def _length(value: object) -> int:
    return len(value) if isinstance(value, str) else len(json.dumps(value, ensure_ascii=False, default=str))
