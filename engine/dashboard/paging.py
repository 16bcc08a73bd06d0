"""One page of a list that can grow: counted and cut in the database, never loaded whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int  # from 1
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_number(text: str | None) -> int:
    """A page asked for in a URL: anything but a positive number is the first page."""
    return int(text) if text and text.isdigit() and int(text) > 0 else 1


def paginate(session: Session, query: Select, number: int, per_page: int = PER_PAGE) -> Page:
    """A page past the last shows the last, so a list that shrank under a bookmark still shows rows."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    number = _within(number, total, per_page)
    items = list(session.scalars(query.limit(per_page).offset((number - 1) * per_page)))
    return Page(items, number, per_page, total)


def cut(items: list, number: int, per_page: int = PER_PAGE) -> Page:
    """A page of a list already loaded: one whose rows pass an access rule decided per record,
    so only what is left after it can be counted."""
    number = _within(number, len(items), per_page)
    return Page(items[(number - 1) * per_page : number * per_page], number, per_page, len(items))


def _within(number: int, total: int, per_page: int) -> int:
    return min(number, max(1, -(-total // per_page)))
