"""One page of a list that can grow: counted and cut in the database, never loaded whole."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

PER_PAGE = 50
MAX_PER_PAGE = 200
NEIGHBOURS = 2  # page numbers linked on each side of the current one, besides the first and last


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

    @property
    def first_index(self) -> int:
        """The place in the whole list of the page's first item, from 1."""
        return (self.number - 1) * self.per_page + 1

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers to link: the first, the last and the current one's neighbours, None
        where numbers are left out, so that a list of 2,000 pages links a dozen."""
        near = range(max(1, self.number - NEIGHBOURS), min(self.pages, self.number + NEIGHBOURS) + 1)
        linked: list[int | None] = []
        for n in sorted({1, *near, self.pages}):
            if linked and n - linked[-1] > 1:
                linked.append(n - 1 if n - linked[-1] == 2 else None)  # a gap of one page shows it
            linked.append(n)
        return linked


def page_number(text: str | None) -> int:
    """A page asked for in a URL: anything but a positive number is the first page."""
    return int(text) if text and text.isdigit() and int(text) > 0 else 1


def per_page(text: str | None) -> int:
    """A page size asked for in a URL: a number from 1 to MAX_PER_PAGE, or else the default."""
    return int(text) if text and text.isdigit() and 0 < int(text) <= MAX_PER_PAGE else PER_PAGE


def paginate(session: Session, query: Select, number: int, per_page: int = PER_PAGE, *, as_rows: bool = False) -> Page:
    """A page past the last shows the last, so a list that shrank under a bookmark still shows rows.
    Each item is the query's first column, or with `as_rows` the row of all its columns."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    number = _within(number, total, per_page)
    found = session.execute(query.limit(per_page).offset((number - 1) * per_page))
    return Page(list(found if as_rows else found.scalars()), number, per_page, total)


def cut(items: list, number: int, per_page: int = PER_PAGE) -> Page:
    """A page of a list already loaded: one whose rows pass an access rule decided per record,
    so only what is left after it can be counted."""
    number = _within(number, len(items), per_page)
    return Page(items[(number - 1) * per_page : number * per_page], number, per_page, len(items))


def _within(number: int, total: int, per_page: int) -> int:
    return min(number, max(1, -(-total // per_page)))
