"""The ledger read in the database (engine.supervision.ledger): paged, filtered and summed there,
status and all, and streamed into its workbook; over the demo's items and 40 more beside them
(tests/engine/supervision/many_items.py)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, select

from engine.org import accounts
from engine.supervision import ledger, workbook
from engine.supervision.models import ProgressReport, SupervisedItem
from engine.supervision.status import status_of
from tests.engine.supervision.many_items import FORMULA, add_items
from tests.engine.supervision.test_supervision_ledger import NAMES

FILTERS = [{}, {"status": "on_track"}, {"status": "overdue", "unit": "rsj"}, {"unit": "czj"}, {"source": "by_hand"}]
NAMES = workbook.Names(NAMES.statuses, {**NAMES.sources, "inspection": "联合督查"})


@pytest.fixture
def more(db, clock):
    add_items(db, 40, clock.now())
    with db.read_session() as session:
        return accounts.find(session, "office.staff").body_id


@pytest.mark.parametrize("filters", [{}, {"status": "on_track"}, {"unit": "czj"}])
def test_the_pages_hold_every_row_once_in_the_ledgers_order(db, clock, more, filters):
    chosen = ledger.Filters(**filters)
    with db.read_session() as session:
        every = [r["id"] for r in ledger.rows(session, more, clock.now(), chosen)]
        first = ledger.page(session, more, clock.now(), chosen, 1, 5)
        pages = [ledger.page(session, more, clock.now(), chosen, n, 5) for n in range(1, first.pages + 1)]
    assert first.total == len(every) > 5
    assert [r["id"] for p in pages for r in p.items] == every


def test_the_status_written_in_sql_is_status_of(db, clock, more):
    """Each day of six weeks, every item's status as the rule in Python gives it."""
    with db.read_session() as session:
        items = session.scalars(select(SupervisedItem).where(SupervisedItem.body_id == more)).all()
        awaiting = {
            r.item_id: r.submitted_at
            for r in session.scalars(select(ProgressReport).order_by(ProgressReport.id))
            if r.kind == "completion" and r.outcome is None
        }
        seen = set()
        for days in range(-10, 32, 3):
            now = clock.now() + timedelta(days=days)
            found = {r["id"]: r["status"] for r in ledger.rows(session, more, now)}
            assert found == {i.id: status_of(i, now, awaiting.get(i.id)) for i in items}
            seen |= set(found.values())
    assert seen == {"on_track", "due_soon", "overdue", "closed"}


@pytest.mark.parametrize("filters", FILTERS)
def test_the_summary_counts_what_the_rows_hold(db, clock, more, filters):
    chosen = ledger.Filters(**filters)
    with db.read_session() as session:
        found = ledger.rows(session, more, clock.now(), chosen)
        summary = ledger.summary(session, more, clock.now(), chosen)
    by_unit: dict[str, Counter] = {}
    by_source: dict[str, Counter] = {}
    for row in found:
        by_unit.setdefault(row["lead_name"], Counter())[row["status"]] += 1
        by_source.setdefault(row["meeting_title"] or row["source"], Counter())[row["status"]] += 1
    assert (list(summary.by_unit.items()), list(summary.by_source.items())) == (
        list(by_unit.items()),
        list(by_source.items()),
    )


def test_the_workbook_holds_every_row_read_in_chunks(db, clock, more, monkeypatch):
    monkeypatch.setattr(ledger, "CHUNK", 4)
    with db.read_session() as session:
        found = ledger.rows(session, more, clock.now())
        content = workbook.build("联席会议", ledger.each_row(session, more, clock.now()), clock.now(), NAMES)
    sheet = load_workbook(BytesIO(content)).active
    assert sheet.max_row == 2 + len(found) == 48
    assert [c.value for c in sheet["D"][2:]] == [r["text"] for r in found]
    assert [c.value for c in sheet["A"][2:]] == list(range(1, len(found) + 1))
    formula = next(c for c in sheet["D"] if c.value == FORMULA)
    assert (formula.data_type, formula.quotePrefix) == ("s", True)
    # The look: widths, frozen headings, the title across the columns, bold bordered headings,
    # each status cell's colour.
    # A width as Excel shows it (characters); the file adds the cell's padding (6 → 6.71).
    assert [int(sheet.column_dimensions[c].width) for c in "ADH"] == [6, 44, 44] and sheet.freeze_panes == "A3"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:K1"] and sheet["A1"].font.b
    assert sheet["B2"].font.b and sheet["B2"].border.left.style == "thin" and sheet["D5"].alignment.wrap_text
    fills = {row[8].value: row[8].fill.fgColor.rgb[-6:] for row in sheet.iter_rows(min_row=3)}
    assert fills == {"已办结": "D9D9D9", "逾期": "FFC7CE", "临近到期": "FFEB9C", "正常推进": "C6EFCE"}


def test_the_ledgers_queries_bind_as_many_parameters_for_any_number_of_items(pg_demo, clock):
    """No IN list of every item's id (PostgreSQL takes at most 65,535 parameters a statement):
    the rows, a page and the summary bind as many parameters for 6 items as for 66."""

    def largest_binding() -> int:
        bound: list[int] = []

        def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
            bound.append(len(parameters or ()))

        event.listen(pg_demo.engine, "before_cursor_execute", count)
        try:
            with pg_demo.read_session() as session:
                body_id = accounts.find(session, "office.staff").body_id
                bound.clear()
                ledger.rows(session, body_id, clock.now())
                ledger.page(session, body_id, clock.now(), ledger.Filters(status="overdue"), 2, 5)
                ledger.summary(session, body_id, clock.now(), ledger.Filters(unit="wjj"))
        finally:
            event.remove(pg_demo.engine, "before_cursor_execute", count)
        return max(bound)

    few = largest_binding()
    add_items(pg_demo, 60, clock.now())
    assert largest_binding() == few < 20
