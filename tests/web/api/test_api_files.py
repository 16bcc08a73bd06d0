"""POST /api/v1/tasks/<id>/complete as multipart/form-data: the form's fields in the part `data`,
a file part per file field. The file is kept with the completion as the web keeps it; a malformed
request or a refused file keeps nothing and leaves the task open."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from engine.attachments.models import Attachment
from engine.attachments.store import MAX_BYTES
from engine.core import audit

PDF = b"%PDF-1.4\n%implementation plan\n"
PLAN = {"document_no": "卫健发〔2026〕8号", "summary": "明确目标、措施和时间安排。"}


@pytest.fixture
def plan_task(find_task) -> dict:
    """wjj's open 制定本单位实施方案 task on the demo plan: its form has the optional file field plan_file."""
    return find_task("liaison.wjj", "file_implementation_plan", unit="wjj")


def posted(client, url: str, parts: dict):
    # Encoded here in memory: the test client would spool a large body to a temporary file it
    # never closes, which the suite's filterwarnings=error reports.
    boundary, body = encode_multipart(parts)
    return client.post(url, data=body, content_type=f'multipart/form-data; boundary="{boundary}"')


@pytest.fixture
def complete(api, plan_task):
    """complete(parts) → wjj's answer to POST .../complete as multipart/form-data with those parts."""
    return lambda parts: posted(api("liaison.wjj"), f"/api/v1/tasks/{plan_task['id']}/complete", parts)


def file_part(content: bytes, filename: str) -> FileStorage:
    return FileStorage(io.BytesIO(content), filename=filename)


def multipart(fields: dict | None = PLAN, **files: tuple[bytes, str] | list[FileStorage]) -> dict:
    """The part `data` holding `fields` (none when None), and a file part per (content, filename)."""
    parts = {} if fields is None else {"data": json.dumps(fields, ensure_ascii=False)}
    return parts | {name: upload if isinstance(upload, list) else file_part(*upload) for name, upload in files.items()}


def attachments(read) -> int:
    read.rollback()
    return read.scalar(select(func.count()).select_from(Attachment))


def test_the_file_is_kept_on_the_instance_with_the_completion(complete, plan_task, read, signed_in):
    response = complete(multipart(plan_file=(PDF, "实施方案.pdf")))
    assert response.status_code == 200, response.json
    assert (response.json["status"], response.json["completed_by"]) == ("completed", "liaison.wjj")
    [kept] = read.scalars(select(Attachment).where(Attachment.owner_kind == "process_instance"))
    assert (kept.owner_id, kept.filename, kept.size, kept.uploaded_by) == (
        plan_task["instance_id"],
        "实施方案.pdf",
        len(PDF),
        "liaison.wjj",
    )
    [done] = [e for e in audit.of_instance(read, plan_task["instance_id"]) if e.task_id == plan_task["id"]]
    assert done.after["plan_file"] == {"attachment_id": kept.id, "name": "实施方案.pdf", "size": len(PDF)}
    assert done.after["summary"] == PLAN["summary"]
    download = signed_in("office.staff").get(f"/instances/{plan_task['instance_id']}/files/{kept.id}")
    assert download.status_code == 200 and download.data == PDF


def test_multipart_without_a_file_and_json_both_still_complete(api, complete, find_task, status_of, read):
    before = attachments(read)
    assert complete(multipart()).status_code == 200
    other = find_task("liaison.kjyq", "file_implementation_plan", unit="kjyq")
    response = api("liaison.kjyq").post(f"/api/v1/tasks/{other['id']}/complete", json=PLAN)
    assert response.status_code == 200 and status_of(other["id"]) == "completed"
    assert attachments(read) == before


def test_on_behalf_reason_travels_in_the_data_part(api, plan_task, read):
    fields = {**PLAN, "on_behalf_reason": "联络员出差，电话确认"}
    url = f"/api/v1/tasks/{plan_task['id']}/complete"
    response = posted(api("office.staff"), url, multipart(fields, plan_file=(PDF, "方案.pdf")))
    assert response.status_code == 200, response.json
    assert response.json["on_behalf_reason"] == "联络员出差，电话确认"
    [kept] = read.scalars(select(Attachment).where(Attachment.owner_kind == "process_instance"))
    assert (kept.owner_id, kept.uploaded_by) == (plan_task["instance_id"], "office.staff")


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (multipart(None, plan_file=(PDF, "方案.pdf")), "the part data is missing"),
        ({"data": "{not json", "plan_file": file_part(PDF, "方案.pdf")}, "the part data must be a JSON object"),
        ({"data": '["a list"]'}, "the part data must be a JSON object"),
        (multipart(summary=(PDF, "方案.pdf")), "summary is not a file field of this task's form"),
        (multipart(plan_file=(PDF, "")), "the file for plan_file has no filename"),
        (multipart(plan_file=[file_part(PDF, "一.pdf"), file_part(PDF, "二.pdf")]), "plan_file takes one file"),
        ({**multipart(), "summary": "要点放在 data 之外"}, "unexpected part summary"),
    ],
    ids=["no data", "data not JSON", "not an object", "not a file field", "no filename", "two files", "stray part"],
)
def test_a_malformed_request_is_400_naming_the_part(complete, plan_task, status_of, read, parts, message):
    before = attachments(read)
    response = complete(parts)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request" and message in response.json["error"]["message"]
    assert status_of(plan_task["id"]) == "open" and attachments(read) == before


@pytest.mark.parametrize(
    ("parts", "field", "code"),
    [
        (multipart(plan_file=(b"MZ\x90\x00", "方案.exe")), "plan_file", "file_type"),
        (multipart(plan_file=(b"PK\x03\x04", "方案.pdf")), "plan_file", "file_content"),
        (multipart(plan_file=(PDF + b"\0" * MAX_BYTES, "方案.pdf")), "plan_file", "file_too_large"),
        (multipart({**PLAN, "summary": ""}, plan_file=(PDF, "方案.pdf")), "summary", "required"),
    ],
    ids=["refused type", "content not the extension's", "over the limit", "a good file, a refused answer"],
)
def test_a_refused_file_or_answer_is_422_and_keeps_nothing(complete, plan_task, status_of, read, parts, field, code):
    before = attachments(read)
    response = complete(parts)
    assert response.status_code == 422
    assert response.json["error"]["fields"][field]["code"] == code
    assert status_of(plan_task["id"]) == "open" and attachments(read) == before


def test_the_body_must_still_be_a_json_object(api, plan_task, status_of):
    response = api("liaison.wjj").post(f"/api/v1/tasks/{plan_task['id']}/complete", json=["a list"])
    assert response.status_code == 400
    assert response.json["error"]["message"] == "the body must be a JSON object of form fields"
    assert status_of(plan_task["id"]) == "open"


def test_a_file_for_a_task_not_yours_to_see_is_404(api, plan_task, status_of):
    url = f"/api/v1/tasks/{plan_task['id']}/complete"
    response = posted(api("liaison.mzj"), url, multipart(plan_file=(PDF, "方案.pdf")))
    assert response.status_code == 404 and status_of(plan_task["id"]) == "open"
