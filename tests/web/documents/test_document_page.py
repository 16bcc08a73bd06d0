"""A document's own page (/documents/<id>): what its .docx holds, in an article the browser
prints alone (print.css), for whoever may read the document and not found for anyone else."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from joint_steps import issued_over_a_comment
from request_steps import VIEWS, document_of, sent_with_dissent

from engine.documents import numbering
from tests.other_body import OFFICE
from tests.web.conftest import page_token

ARTICLE = re.compile(r'<article class="card document[^"]*"[^>]*>(.*?)</article>', re.S)


def _numbered(app, instance_id: int) -> tuple[int, str]:
    db = app.extensions["lianxi"].db
    document = document_of(db, instance_id)
    with db.read_session() as session:
        return document.id, numbering.number_of(session, numbering.OUTGOING, document.id).text


@pytest.fixture
def sent(app, clock) -> tuple[int, str]:
    """A request issued with a dissent's views attached: its id and its number."""
    return _numbered(app, sent_with_dissent(app.extensions["lianxi"].db, clock.now()))


def _article(response) -> str:
    assert response.status_code == 200
    return ARTICLE.search(response.text).group(1)


def test_the_office_reads_the_request_as_its_docx_has_it(sent, signed_in):
    document_id, number = sent
    article = _article(signed_in("office.staff").get(f"/documents/{document_id}"))
    assert "文件</p>" in article and number in article
    assert "关于加强尘肺病患者救治救助工作的请示" in article and "七星区人民政府：" in article
    assert '<h2 class="document-heading">一、开展患者摸底调查</h2>' in article
    assert '<h3 class="document-heading-2">（一）由区卫生健康局牵头，有关单位配合。</h3>' in article
    assert VIEWS in article and "（区卫生健康局代章）" in article and "抄送：市卫生健康委员会。" in article
    assert '<p class="document-line">（联系人：' in article


def test_the_list_links_the_page_and_it_prints_and_downloads(sent, signed_in):
    document_id, _ = sent
    client = signed_in("office.staff")
    assert f'href="/documents/{document_id}"' in client.get("/documents").text
    page = client.get(f"/documents/{document_id}").text
    assert "data-print" in page and "/static/js/print.js" in page and f"/documents/{document_id}.docx" in page


def test_a_joint_document_names_every_organ(app, clock, signed_in):
    document_id, number = _numbered(app, issued_over_a_comment(app.extensions["lianxi"].db, clock.now()))
    article = _article(signed_in("office.staff").get(f"/documents/{document_id}"))
    assert number in article and 'class="document-organs"' in article
    for organ in ("区卫生健康局", "区民政局", "区人力资源和社会保障局", "区总工会"):
        assert f'<td class="document-body-name">{organ}</td>' in article


def test_another_bodys_office_finds_nothing(sent, lingui, signed_in):
    document_id, _ = sent
    assert signed_in(OFFICE).get(f"/documents/{document_id}").status_code == 404


def test_a_restricted_document_is_not_found_by_an_uninvolved_unit(app, clock, signed_in):
    """机密 narrows the document to the units it names: a member unit not asked to co-sign the
    joint document reads it while it is internal, and not once it is restricted."""
    document_id, _ = _numbered(app, issued_over_a_comment(app.extensions["lianxi"].db, clock.now()))
    outsider = signed_in("liaison.scjgj")
    assert outsider.get(f"/documents/{document_id}").status_code == 200
    office = signed_in("office.staff")
    token = page_token(office.get("/").text)
    level = office.post(f"/documents/{document_id}/level", data={"level": "restricted", "csrf_token": token})
    assert level.status_code == 302
    assert outsider.get(f"/documents/{document_id}").status_code == 404
    assert office.get(f"/documents/{document_id}").status_code == 200


def test_a_restricted_request_carries_its_level_and_names_who_signed_it(sent, signed_in):
    """GB/T 9704-2012: 密级 at the top left (7.2.2); a request goes up, so 签发人 stands beside its
    number (7.2.5); the page and the .docx alike."""
    document_id, number = sent
    office = signed_in("office.staff")
    token = page_token(office.get("/").text)
    office.post(f"/documents/{document_id}/level", data={"level": "restricted", "csrf_token": token})
    article = _article(office.get(f"/documents/{document_id}"))
    assert '<p class="document-top-mark">机密</p>' in article
    assert f"<span>{number}</span><span>签发人：" in article
    lines = [p.text for p in Document(io.BytesIO(office.get(f"/documents/{document_id}.docx").data)).paragraphs]
    assert lines[:3] == ["机密", "七星区职业病防治工作局际联席会议文件", f"{number}\t签发人：召集人"]
