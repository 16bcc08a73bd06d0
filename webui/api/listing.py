"""What a list route of the API reads from its query string, strictly: a filter's value among its
choices, and the page asked for; anything else is a malformed request (400), where the pages
would quietly show everything. And the keys every paged answer carries beside its rows."""

from __future__ import annotations

from collections.abc import Collection

from flask import request
from werkzeug.exceptions import BadRequest

from engine.dashboard import paging
from webui.common.input_guard import MAX_ID


def choice(name: str, choices: Collection[str]) -> str | None:
    """The filter `name` if given (None if not); a value not among `choices`, an empty one too, is refused."""
    value = request.args.get(name)
    if value is not None and value not in choices:
        raise BadRequest(f"{name} must be one of {', '.join(choices)}")
    return value


def whole(name: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high` given as `name` (None if not given)."""
    text = request.args.get(name)
    if text is None:
        return None
    if not (text.isdigit() and low <= int(text) <= high):
        raise BadRequest(f"{name} must be a whole number from {low} to {high}")
    return int(text)


def asked_page(default_per_page: int, max_per_page: int) -> tuple[int, int]:
    """(page, per_page) from the query; a page past the last answers the last (engine.dashboard.paging)."""
    number = whole("page", 1, MAX_ID) or 1
    return number, whole("per_page", 1, max_per_page) or default_per_page


def page_keys(page: paging.Page) -> dict:
    return {"page": page.number, "per_page": page.per_page, "total": page.total, "pages": page.pages}
