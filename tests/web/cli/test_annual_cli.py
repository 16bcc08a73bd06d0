"""`lianxi annual export`: the compile page's .docx, from the command line."""

from __future__ import annotations

from datetime import datetime

import docx

from engine.annual import cycles
from engine.core.clock import SHANGHAI


def test_export_writes_the_years_draft(app, run, tmp_path):
    cycles.start_due_cycles(app.extensions["lianxi"].db, datetime(2026, 12, 1, 9, tzinfo=SHANGHAI))
    out = tmp_path / "2026.docx"
    done = run("annual", "export", "--body", "qixing", "--year", "2026", out)
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == f"2026 annual summary written to {out}"
    document = docx.Document(out)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "七星区职业病防治工作局际联席会议文件"  # the head of an official document
    assert "七星区职业病防治工作局际联席会议2026年度工作总结和2027年工作计划" in texts
    assert "区卫生健康局" in texts


def test_export_of_a_year_without_a_cycle_is_not_found(run, tmp_path):
    missing = run("annual", "export", "--body", "qixing", "--year", "2019", tmp_path / "x.docx")
    assert missing.exit_code == 4 and "no annual cycle for 2019" in missing.stderr
    assert not (tmp_path / "x.docx").exists()
    assert run("annual", "export", "--body", "nowhere", "--year", "2026", tmp_path / "x.docx").exit_code == 4
