"""A plan's deliverable may be handed in as a file (workflows/forms/deliverable_submission.json):
the form offers it, optionally, and the finished task shows it with its download link."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from engine.attachments.models import Attachment
from engine.workflow.models import HumanTask

WORKBOOK = b"PK\x03\x04 the list of firms helped"
MULTIPART = {"content_type": "multipart/form-data"}


def kept(read, deliverable: HumanTask) -> list[Attachment]:
    read.rollback()
    mine = (Attachment.owner_kind == "process_instance", Attachment.owner_id == deliverable.instance_id)
    return list(read.scalars(select(Attachment).where(*mine)))


@pytest.fixture
def deliverable(read) -> HumanTask:
    """The demo plan's first deliverable, open in wjj's inbox (engine/demo/plans.py)."""
    return read.scalar(select(HumanTask).where(HumanTask.name == "submit_deliverable", HumanTask.status == "open"))


def test_the_form_offers_an_optional_file(signed_in, deliverable):
    page = signed_in("liaison.wjj").get(f"/tasks/{deliverable.id}").text
    [tag] = re.findall(r'<input[^>]* name="deliverable_file"[^>]*>', page)
    assert 'type="file"' in tag and "required" not in tag and "成果材料" in page
    english = signed_in("liaison.wjj").get(f"/tasks/{deliverable.id}?lang=en").text
    assert "The deliverable (file)" in english


def test_the_finished_task_shows_the_file_and_its_link(signed_in, post, deliverable, read, status_of):
    liaison = signed_in("liaison.wjj")
    answer = {"summary": "已报送帮扶企业名单", "deliverable_file": (io.BytesIO(WORKBOOK), "帮扶企业名单.xlsx")}
    response = post(liaison, f"/tasks/{deliverable.id}/complete", answer, **MULTIPART)
    assert response.status_code == 302 and status_of(deliverable.id) == "completed"
    [attachment] = kept(read, deliverable)
    link = f"/instances/{deliverable.instance_id}/files/{attachment.id}"
    for viewer in ("liaison.wjj", "office.staff"):
        page = signed_in(viewer).get(f"/tasks/{deliverable.id}").text
        assert link in page and "帮扶企业名单.xlsx" in page and "成果材料" in page
    download = liaison.get(link)
    assert download.status_code == 200 and download.data == WORKBOOK


def test_without_a_file_it_is_done_as_before(signed_in, post, deliverable, read, status_of):
    answer = {"summary": "已报送帮扶企业名单", "deliverable_file": (io.BytesIO(b""), "")}
    response = post(signed_in("liaison.wjj"), f"/tasks/{deliverable.id}/complete", answer, **MULTIPART)
    assert response.status_code == 302 and status_of(deliverable.id) == "completed"
    assert kept(read, deliverable) == []
