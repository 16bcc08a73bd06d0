"""`lianxi ledger export FILE.xlsx [--body CODE] [filters]` (docs/INTERFACE.md): the same workbook
the ledger page downloads."""

from __future__ import annotations

from openpyxl import load_workbook

from engine.org import accounts
from engine.supervision import ledger, workbook
from webui.common import display


def test_export_writes_the_ledger_workbook(app, run, tmp_path, clock):
    target = tmp_path / "台账.xlsx"
    result = run("ledger", "export", target, "--body", "qixing")
    assert result.exit_code == 0, result.output
    assert "6 items written" in result.output
    sheet = load_workbook(target).active
    assert sheet.title == "督办台账"
    assert [c.value for c in sheet[2]] == list(workbook.HEADINGS)
    assert [sheet.cell(row, 4).value for row in range(3, sheet.max_row + 1)] == [
        "排查重点行业企业职业病危害底数",
        "制定职业病危害专项治理实施方案",
        "开展尘肺病患者随访救治",
        "组织《职业病防治法》宣传周活动",
        "起草年度工作要点",
        "开展用人单位劳动合同专项检查",
    ]
    with app.extensions["lianxi"].db.read_session() as session:
        body_id = accounts.find(session, "office.staff").body_id
        rows = ledger.rows(session, body_id, clock.now())
    for number, row in enumerate(rows, start=1):
        expected = [value or None for value in workbook.values(number, row, display.ledger_names())]
        assert [c.value for c in sheet[2 + number]] == expected


def test_export_with_filters(run, tmp_path):
    target = tmp_path / "yjj.xlsx"
    result = run("ledger", "export", target, "--body", "qixing", "--unit", "yjj", "--status", "overdue")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).active
    assert sheet.max_row == 3 and sheet["D3"].value == "制定职业病危害专项治理实施方案" and sheet["I3"].value == "逾期"


def test_export_of_an_unknown_body_fails(run, tmp_path):
    result = run("ledger", "export", tmp_path / "x.xlsx", "--body", "nowhere")
    assert result.exit_code == 4 and "no body" in result.output
    assert not (tmp_path / "x.xlsx").exists()
