"""`lianxi task complete ID --file FIELD=PATH`: a file for a form's file field from the command line,
kept with the completion as the web keeps it; a file that cannot be read, or a FIELD that is no
file field of the form, is invalid data (exit 6) and writes nothing."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from engine.attachments.models import Attachment
from engine.core import audit

PDF = b"%PDF-1.4\n%implementation plan\n"
PLAN = json.dumps({"document_no": "卫健发〔2026〕8号", "summary": "明确目标、措施和时间安排。"}, ensure_ascii=False)


@pytest.fixture
def owed(run):
    """owed("file_implementation_plan") → that open task of wjj's on the demo plan, as `task list` gives it."""

    def find(name: str) -> dict:
        tasks = json.loads(run("task", "list", "--user", "liaison.wjj", "--json").stdout)
        return next(t for t in tasks if t["name"] == name)

    return find


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "实施方案.pdf"
    path.write_bytes(PDF)
    return path


def attachments(read) -> int:
    read.rollback()
    return read.scalar(select(func.count()).select_from(Attachment))


def test_the_file_is_kept_with_the_completion(run, owed, pdf, read):
    task = owed("file_implementation_plan")
    done = run("task", "complete", task["id"], "--user", "liaison.wjj", "--data", PLAN, "--file", f"plan_file={pdf}")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"completed {task['id']}")
    [kept] = read.scalars(select(Attachment).where(Attachment.owner_kind == "process_instance"))
    assert (kept.owner_id, kept.filename, kept.size, kept.uploaded_by) == (
        task["instance_id"],
        "实施方案.pdf",
        len(PDF),
        "liaison.wjj",
    )
    [event] = [e for e in audit.of_instance(read, task["instance_id"]) if e.task_id == task["id"]]
    assert event.after["plan_file"] == {"attachment_id": kept.id, "name": "实施方案.pdf", "size": len(PDF)}


def test_a_deliverable_goes_in_as_a_file(run, owed, tmp_path, read):
    task = owed("submit_deliverable")
    listing = tmp_path / "帮扶企业名单.xlsx"
    listing.write_bytes(b"PK\x03\x04 the workbook")
    summary = json.dumps({"summary": "已报送帮扶企业名单"}, ensure_ascii=False)
    done = run(
        "task", "complete", task["id"], "--user", "liaison.wjj",
        "--data", summary, "--file", f"deliverable_file={listing}",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    mine = (Attachment.owner_kind == "process_instance", Attachment.owner_id == task["instance_id"])
    assert [a.filename for a in read.scalars(select(Attachment).where(*mine))] == ["帮扶企业名单.xlsx"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("plan_file={missing}", "error: --file plan_file: cannot read"),
        ("summary={pdf}", "error: --file summary is not a file field of this task's form (its file fields: plan_file)"),
        ("{pdf}", "must be FIELD=PATH"),
        ("plan_file={exe}", "plan_file: file_type"),
    ],
    ids=["missing file", "not a file field", "not FIELD=PATH", "refused type"],
)
def test_a_file_that_cannot_go_in_is_invalid_data(run, owed, pdf, tmp_path, read, option, message):
    task = owed("file_implementation_plan")
    exe = tmp_path / "方案.exe"
    exe.write_bytes(b"MZ\x90\x00")
    before = attachments(read)
    given = option.format(missing=tmp_path / "no-such.pdf", pdf=pdf, exe=exe)
    done = run("task", "complete", task["id"], "--user", "liaison.wjj", "--data", PLAN, "--file", given)
    assert done.exit_code == 6 and message in done.stderr
    assert owed("file_implementation_plan")["id"] == task["id"]  # still open
    assert attachments(read) == before


def test_a_file_is_not_read_for_a_task_the_user_cannot_see(run, owed, pdf):
    task = owed("file_implementation_plan")
    done = run("task", "complete", task["id"], "--user", "liaison.mzj", "--data", PLAN, "--file", f"plan_file={pdf}")
    assert done.exit_code == 4, done.output
