"""What the pages promise about size holds through the web server's own limits: a file of the
engine's full 20 MB is kept, beside a form's fields too (Werkzeug's 500 kB limit is on each text
field, far above our longest); one over it is told 413 in Chinese, and nothing is kept."""

from __future__ import annotations

import gc
import warnings
from io import BytesIO

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from engine.attachments.models import Attachment
from engine.attachments.store import MAX_BYTES
from engine.plan_runs.models import PlanRun
from engine.supervision.models import SupervisedItem
from tests.web.conftest import page_token

MB = 1024 * 1024


def pdf(size: int) -> bytes:
    return b"%PDF-1.4\n" + b"0" * (size - 9)


def send(client, url: str, fields: dict, files: dict):
    """A multipart POST encoded here in memory, with the page's CSRF token."""
    parts = {**fields, "csrf_token": page_token(client.get("/").text)}
    parts |= {name: FileStorage(BytesIO(content), filename=filename) for name, (content, filename) in files.items()}
    boundary, body = encode_multipart(parts)
    with warnings.catch_warnings():
        # Werkzeug spools a large part to a temporary file, closed only when it is collected:
        # collected here, or the warning would be raised in whichever test runs next.
        warnings.simplefilter("ignore", ResourceWarning)
        response = client.post(url, data=body, content_type=f'multipart/form-data; boundary="{boundary}"')
        status, text = response.status_code, response.text
        del response
        gc.collect()
    return status, text


def files(read) -> int:
    read.rollback()
    return read.scalar(select(func.count()).select_from(Attachment))


@pytest.fixture
def gxj_item(read) -> int:
    return read.scalar(select(SupervisedItem.id).where(SupervisedItem.lead == "gxj"))


def test_a_20_mb_file_is_kept_on_a_supervised_item(signed_in, gxj_item, read):
    before = files(read)
    status, _text = send(
        signed_in("liaison.gxj"),
        f"/supervision/items/{gxj_item}/attachments",
        {},
        {"file": (pdf(MAX_BYTES), "佐证.pdf")},
    )
    assert status == 302 and files(read) == before + 1
    assert read.scalar(select(Attachment.size).order_by(Attachment.id.desc()).limit(1)) == MAX_BYTES


def test_21_mb_is_refused_with_the_chinese_413_page_and_nothing_kept(signed_in, gxj_item, read):
    before = files(read)
    status, text = send(
        signed_in("liaison.gxj"), f"/supervision/items/{gxj_item}/attachments", {}, {"file": (pdf(21 * MB), "佐证.pdf")}
    )
    assert status == 413 and "内容过大" in text and "提交的内容超过大小限制。" in text
    assert "Request Entity Too Large" not in text and files(read) == before


def test_a_task_form_takes_a_20_mb_file_beside_its_fields(signed_in, read, open_task, status_of):
    task = open_task(read.scalar(select(PlanRun.instance_id)), "file_implementation_plan", unit="wjj")
    fields = {"document_no": "卫健发〔2026〕8号", "summary": "明确目标、措施和时间安排。" * 300}
    status, _text = send(
        signed_in("liaison.wjj"), f"/tasks/{task.id}/complete", fields, {"plan_file": (pdf(MAX_BYTES), "方案.pdf")}
    )
    assert status == 302 and status_of(task.id) == "completed"
