"""A form's file field through the web: the file is kept as an attachment of the instance with
the completion, or not at all; it is shown on the finished task and on the instance, and served
only to those who may see the instance."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from engine.attachments.models import Attachment
from engine.core import audit
from engine.plan_runs.models import PlanRun

PDF = b"%PDF-1.4\n%implementation plan\n"
MULTIPART = {"content_type": "multipart/form-data"}


@pytest.fixture
def plan_task(read, open_task):
    """wjj's open 制定本单位实施方案 task on the demo plan (its form has an optional file field)."""
    run = read.scalar(select(PlanRun))
    return open_task(run.instance_id, "file_implementation_plan", unit="wjj")


def kept(read) -> list[Attachment]:
    read.rollback()
    return list(read.scalars(select(Attachment).where(Attachment.owner_kind == "process_instance")))


def answer(upload: tuple[bytes, str] | None, summary: str = "明确目标、措施和时间安排。") -> dict:
    data = {"document_no": "卫健发〔2026〕8号", "summary": summary}
    if upload is not None:
        data["plan_file"] = (io.BytesIO(upload[0]), upload[1])
    return data


def test_the_file_is_kept_with_the_completion_and_shown(signed_in, post, plan_task, read, status_of):
    liaison = signed_in("liaison.wjj")
    response = post(liaison, f"/tasks/{plan_task.id}/complete", answer((PDF, "实施方案.pdf")), **MULTIPART)
    assert response.status_code == 302 and status_of(plan_task.id) == "completed"
    [attachment] = kept(read)
    assert (attachment.owner_id, attachment.filename, attachment.size) == (
        plan_task.instance_id,
        "实施方案.pdf",
        len(PDF),
    )
    assert attachment.uploaded_by == "liaison.wjj" and attachment.content_type == "application/pdf"
    link = f"/instances/{plan_task.instance_id}/files/{attachment.id}"
    task_page = liaison.get(f"/tasks/{plan_task.id}").text
    assert link in task_page and "实施方案.pdf" in task_page
    assert link in signed_in("office.staff").get(f"/instances/{plan_task.instance_id}").text
    download = liaison.get(link)
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_the_task_data_names_the_file_and_never_holds_its_bytes(signed_in, post, plan_task, read):
    post(signed_in("liaison.wjj"), f"/tasks/{plan_task.id}/complete", answer((PDF, "方案.pdf")), **MULTIPART)
    [attachment] = kept(read)
    [done] = [e for e in audit.of_instance(read, plan_task.instance_id) if e.task_id == plan_task.id]
    assert done.after["plan_file"] == {"attachment_id": attachment.id, "name": "方案.pdf", "size": len(PDF)}


def test_the_file_is_optional_here(signed_in, post, plan_task, read, status_of):
    response = post(signed_in("liaison.wjj"), f"/tasks/{plan_task.id}/complete", answer(None), **MULTIPART)
    assert response.status_code == 302 and status_of(plan_task.id) == "completed" and kept(read) == []


@pytest.mark.parametrize(
    ("upload", "summary", "message"),
    [
        ((b"MZ\x90\x00", "方案.exe"), "要点", "不支持该文件类型"),
        ((b"", "方案.pdf"), "要点", "请选择要上传的文件"),
        ((b"PK\x03\x04", "方案.pdf"), "要点", "文件内容与扩展名 .pdf 不符"),
        ((PDF, "方案.pdf"), "", "此项必填"),  # a good file with a refused answer is not kept either
    ],
)
def test_a_refused_completion_keeps_no_file(signed_in, post, plan_task, read, status_of, upload, summary, message):
    response = post(signed_in("liaison.wjj"), f"/tasks/{plan_task.id}/complete", answer(upload, summary), **MULTIPART)
    assert response.status_code == 422 and message in response.text
    assert status_of(plan_task.id) == "open" and kept(read) == []


def test_a_draft_keeps_no_file(signed_in, post, plan_task, read):
    response = post(signed_in("liaison.wjj"), f"/tasks/{plan_task.id}/draft", answer((PDF, "方案.pdf")), **MULTIPART)
    assert response.status_code == 302 and kept(read) == []


def test_the_form_offers_a_file_input(signed_in, plan_task):
    page = signed_in("liaison.wjj").get(f"/tasks/{plan_task.id}").text
    assert 'enctype="multipart/form-data"' in page and 'type="file" name="plan_file"' in page
    assert "不超过 20 MB" in page


def test_another_units_person_gets_404_for_the_file(signed_in, post, plan_task, read):
    post(signed_in("liaison.wjj"), f"/tasks/{plan_task.id}/complete", answer((PDF, "方案.pdf")), **MULTIPART)
    [attachment] = kept(read)
    link = f"/instances/{plan_task.instance_id}/files/{attachment.id}"
    assert signed_in("liaison.mzj").get(link).status_code == 404  # mzj has no part in the plan
    assert signed_in("liaison.gxj").get(link).status_code == 200  # a unit of the plan sees its instance
    assert (
        signed_in("office.staff").get(f"/instances/{plan_task.instance_id + 1}/files/{attachment.id}").status_code
        == 404
    )
    assert (
        read.scalar(select(func.count()).select_from(Attachment).where(Attachment.owner_kind == "process_instance"))
        == 1
    )
