"""联合发文 on /documents: listed beside the requests and reports with its issuing unit and each
co-signing unit's answer, and downloadable as an official document whose head and signature name
every issuing organ, the issuing unit first."""

from __future__ import annotations

import io

import pytest
from docx import Document
from joint_steps import DISSENT, NOTE, issued_over_a_comment
from request_steps import document_of

from engine.documents import numbering
from tests.other_body import OFFICE

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ORGANS = ["区卫生健康局", "区民政局", "区人力资源和社会保障局", "区总工会"]  # the issuing unit, then roster order


@pytest.fixture
def issued(app, clock) -> tuple[int, str]:
    """A joint document issued over one unit's comment: its id and its number."""
    db = app.extensions["lianxi"].db
    document = document_of(db, issued_over_a_comment(db, clock.now()))
    with db.read_session() as session:
        return document.id, numbering.number_of(session, numbering.OUTGOING, document.id).text


def test_the_list_shows_the_joint_document_its_issuing_unit_and_the_comments(issued, signed_in):
    document_id, number = issued
    page = signed_in("office.staff").get("/documents").text
    assert "联合发文" in page and "主办单位：区卫生健康局" in page and "会签时限：2026-11-27" in page
    assert number in page and "已签发" in page and f"/documents/{document_id}.docx" in page
    assert DISSENT in page and NOTE in page and "会签意见处理说明" in page


def test_the_docx_names_every_organ_the_issuing_unit_first(issued, signed_in):
    document_id, number = issued
    response = signed_in("liaison.zgh").get(f"/documents/{document_id}.docx")  # a co-signing unit
    assert response.status_code == 200 and response.mimetype == DOCX
    document = Document(io.BytesIO(response.data))
    names, mark = document.tables[0].rows[0].cells
    assert [p.text for p in names.paragraphs] == ORGANS and mark.text == "文件"
    lines = [p.text for p in document.paragraphs]
    assert number in lines and "各街道办事处、乡人民政府：" in lines
    signature = lines.index(ORGANS[0], lines.index("二、落实帮扶措施"))
    assert lines[signature : signature + 4] == ORGANS  # 落款: each organ, the issuing unit first
    assert DISSENT not in lines  # the comments stay on record, not in the document


def test_a_guest_unit_and_another_bodys_office_find_nothing(issued, lingui, signed_in):
    document_id, number = issued
    for username in ("liaison.sfj", OFFICE):
        assert signed_in(username).get(f"/documents/{document_id}.docx").status_code == 404
        assert number not in signed_in(username).get("/documents").text
