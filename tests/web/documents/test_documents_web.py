"""请示报告: the body's requests and reports with each unit's co-signing, and each as an official
document (.docx) for the office, the convener, the member units and the government; not found
for a guest unit and for another body's office."""

from __future__ import annotations

import io

import pytest
from docx import Document
from request_steps import VIEWS, document_of, sent_with_dissent

from engine.documents import numbering
from tests.other_body import OFFICE

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def sent(app, clock) -> tuple[int, str]:
    """A request issued with a dissent's views attached: its id and its number."""
    db = app.extensions["lianxi"].db
    document = document_of(db, sent_with_dissent(db, clock.now()))
    with db.read_session() as session:
        return document.id, numbering.number_of(session, numbering.OUTGOING, document.id).text


def test_the_list_shows_the_number_the_status_and_each_units_answer(sent, signed_in):
    document_id, number = sent
    page = signed_in("office.staff").get("/documents").text
    assert number in page and "已签发" in page and f"/documents/{document_id}.docx" in page
    assert "区民政局" in page and "不同意" in page and VIEWS in page


def test_the_docx_is_addressed_to_the_government_and_numbered(sent, signed_in):
    document_id, number = sent
    response = signed_in("liaison.mzj").get(f"/documents/{document_id}.docx")  # a member unit
    assert response.status_code == 200 and response.mimetype == DOCX
    lines = [p.text for p in Document(io.BytesIO(response.data)).paragraphs]
    assert lines[0].endswith("文件") and lines[1] == f"{number}\t签发人：召集人"  # going up: who signed it
    assert "七星区人民政府：" in lines  # 主送: the body's government
    assert VIEWS in lines and "（区卫生健康局代章）" in lines
    contact = lines[lines.index("（区卫生健康局代章）") + 2]  # 附注 under the date (7.3.6): the drafter
    assert contact.startswith("（联系人：") and contact.endswith("）"), contact


def test_the_convener_and_the_government_download_it(sent, signed_in):
    document_id, _ = sent
    for username in ("convener", "liaison.qzf"):
        assert signed_in(username).get(f"/documents/{document_id}.docx").status_code == 200


def test_a_guest_unit_and_another_bodys_office_find_nothing(sent, lingui, signed_in):
    document_id, number = sent
    for username in ("liaison.sfj", OFFICE):
        assert signed_in(username).get(f"/documents/{document_id}.docx").status_code == 404
        assert number not in signed_in(username).get("/documents").text
