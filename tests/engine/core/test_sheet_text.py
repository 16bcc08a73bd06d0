"""What people typed stays text in every workbook lianxi writes (engine.core.cells): a liaison's
progress or an office's item beginning with "=" is shown as typed, never run as a formula by the
office's Excel. Read back with openpyxl, and in the file's own XML: no <f> (formula) element."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from openpyxl import load_workbook

from engine.core.uow import UnitOfWork
from engine.demo.walkthrough import act
from engine.org import accounts
from engine.roster import sheets
from engine.roster.sheets import PersonRow, UnitRow
from engine.supervision import ledger, starting, workbook
from tests.engine.supervision.test_supervision_ledger import NAMES

LINK = '=HYPERLINK("http://x","click")'
SUM = "=SUM(1,2)"


def formulas(content: bytes) -> list[str]:
    with zipfile.ZipFile(BytesIO(content)) as package:
        sheets_xml = [package.read(name).decode() for name in package.namelist() if name.startswith("xl/worksheets/")]
    return [found for xml in sheets_xml for found in re.findall(r"<f[ >].*?</f>", xml)]


def cell_of(content: bytes, value: str, sheet: str | None = None):
    book = load_workbook(BytesIO(content))
    found = [c for row in (book[sheet] if sheet else book.active).iter_rows() for c in row if c.value == value]
    assert found, f"{value!r} is not in the workbook"
    return found[0]


def test_a_progress_and_an_item_beginning_with_equals_stay_text_in_the_ledger(db, clock):
    with UnitOfWork(db) as uow:
        office = accounts.find(uow.session, "office.staff")
        item = {"text": SUM, "lead": "rsj", "cooperating": [], "due": "2027-01-31"}
        started = starting.start_by_hand(uow.session, office, "@领导批示", item, clock.now())
        uow.commit()
        instance_id, body_id = started.instance_id, started.body_id
    act(db, "liaison.rsj", instance_id, "work_item", {"action": "progress", "text": LINK}, clock.now())
    with db.read_session() as session:
        rows = ledger.rows(session, body_id, clock.now(), ledger.Filters())
    content = workbook.build("=七星区联席会议", rows, clock.now(), NAMES)
    assert formulas(content) == []
    for typed in (SUM, LINK, "@领导批示"):
        cell = cell_of(content, typed)
        assert (cell.data_type, cell.quotePrefix) == ("s", True), typed
    assert cell_of(content, "=七星区联席会议议定事项督办台账（截至2026-11-23）").data_type == "s"
    plain = cell_of(content, "区工业和信息化局")
    assert (plain.data_type, plain.quotePrefix) == ("s", False)  # nothing else is marked


def test_roster_cells_stay_text_and_read_back_as_typed():
    units = [UnitRow(2, "wjj", "-区卫生健康局", "member", "+86 773 2822222", "@wjj.example.cn")]
    people = [PersonRow(2, "liaison.wjj", "=1+1", "wjj", "\t" + LINK, frozenset({"liaison"}), "", "\r+1")]
    content = sheets.write(units, people)
    assert formulas(content) == []
    for value, sheet in [
        ("-区卫生健康局", "单位"),
        ("+86 773 2822222", "单位"),
        ("=1+1", "人员"),
        ("\t" + LINK, "人员"),
    ]:
        cell = cell_of(content, value, sheet)
        assert (cell.data_type, cell.quotePrefix) == ("s", True), value
    assert cell_of(content, "liaison.wjj", "人员").quotePrefix is False
