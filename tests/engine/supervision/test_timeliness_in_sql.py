"""办理时效 counted in the database, on both databases: per unit a grouped row of what it owed and
how much of it on time, and the overdue items it lists; never every item of the body read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from engine.org import accounts
from engine.supervision import ledger, timeliness
from tests.engine.supervision.many_items import LEADS, add_items
from tests.statements import recorded


def figures(db, now) -> tuple[dict[str, tuple[int, int]], dict[str, list[int]], list[str]]:
    """Each unit's (counted, on time) in 2026 and overdue items' ids, and the statements run."""
    with db.read_session() as session:
        body_id = accounts.find(session, "office.staff").body_id
        with recorded(db.engine) as statements:
            found = timeliness.by_unit(session, body_id, 2026, now)
    return (
        {u.unit: (u.counted, u.on_time) for u in found},
        {u.unit: [i.id for i in u.overdue_items] for u in found},
        statements,
    )


def owed_by_the_added_items(now) -> dict[str, tuple[int, int]]:
    """The rule applied to many_items' 40 items: due this year and reported done or past due count;
    on time if the completion came by the deadline."""
    counted = dict.fromkeys(LEADS, (0, 0))
    for n in range(40):
        due, done = now + timedelta(days=n % 40 - 15), now - timedelta(days=n % 11) if n % 7 == 3 else None
        if done or now > due:
            count, on_time = counted[LEADS[n % len(LEADS)]]
            counted[LEADS[n % len(LEADS)]] = (count + 1, on_time + bool(done and done <= due))
    return counted


@pytest.mark.parametrize("database", ["db", "pg_demo"])
def test_the_units_figures_are_grouped_in_sql(request, clock, database):
    db, now = request.getfixturevalue(database), clock.now()
    before, _, _ = figures(db, now)
    add_items(db, 40, now)
    after, overdue, statements = figures(db, now)
    added = owed_by_the_added_items(now)
    assert {u: (c - before[u][0], t - before[u][1]) for u, (c, t) in after.items() if u in LEADS} == added
    with db.read_session() as session:
        rows = ledger.rows(
            session, accounts.find(session, "office.staff").body_id, now, ledger.Filters(status="overdue")
        )
    assert overdue == {u: [r["id"] for r in rows if r["lead"] == u] for u in overdue}
    ungrouped = [s for s in statements if "GROUP BY" not in s]
    assert len(ungrouped) == 2  # the units, and the overdue items the page lists
