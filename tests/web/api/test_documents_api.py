"""公文 through the API: the documents the caller may read, as the documents page lists them; one
with what its .docx prints; the .docx itself, the page's bytes; the office setting a level (公开
the director's alone) and archiving an issued document once. Anyone else is refused (403), a
document not issued is not archived (409), a bad level changes nothing (400, 422), and a guest
unit finds nothing until a document is public."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

import joint_steps
import pytest
from request_steps import DISSENT, VIEWS, document_of, sent_with_dissent

from engine.documents import numbering

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def documents(app, clock) -> tuple[int, int]:
    """A request issued over 区民政局's dissent, and a joint document its units are co-signing."""
    db = app.extensions["lianxi"].db
    issued = document_of(db, sent_with_dissent(db, clock.now())).id
    joint = joint_steps.started(db, clock.now())
    joint_steps.drafted(db, joint, clock.now())
    return issued, document_of(db, joint).id


def test_the_list_a_document_and_its_docx_read_back_what_the_pages_show(app, api, signed_in, documents):
    issued, joint = documents
    office = api("office.staff")
    listed = {d["id"]: d for d in office.get("/api/v1/documents").json["documents"]}
    assert list(listed) == [joint, issued]  # the latest drafted first, as the page
    with app.extensions["lianxi"].db.read_session() as session:
        number = numbering.number_of(session, numbering.OUTGOING, issued).text
    request = listed[issued]
    assert (request["kind"], request["status"], request["number"], request["level"]) == (
        "request", "issued", number, "internal",
    )  # fmt: skip
    assert request["issued_by"] == "convener" and request["differing_views"] == VIEWS and not request["archived"]
    answers = {s["unit"]: (s["decision"], s["comment"]) for s in request["signatures"]}
    assert answers["mzj"] == ("disagree", DISSENT) and answers["wjj"][0] == "agree"
    page = signed_in("office.staff").get("/documents").text
    assert number in page and request["title"] in page and VIEWS in page
    cosigning = office.get(f"/api/v1/documents/{joint}").json
    assert (cosigning["status"], cosigning["number"], cosigning["issuing_unit"]) == ("cosigning", None, "wjj")
    assert cosigning["issuers"][:2] == ["区卫生健康局", "区民政局"] and cosigning["copy_to"] == ["联席会议各成员单位"]
    assert [(s["unit"], s["decision"]) for s in cosigning["signatures"]] == [(u, None) for u in joint_steps.COSIGNING]
    detail = api("liaison.mzj").get(f"/api/v1/documents/{issued}").json  # a member unit reads it too
    assert detail["issuers"] == ["七星区职业病防治工作局际联席会议"] and detail["main_to"] == "七星区人民政府"
    assert detail["text"].startswith("为做好尘肺病患者救治救助工作") and detail["copy_to"] == ["市卫生健康委员会"]
    schemas = office.get("/api/v1/openapi.json").json["components"]["schemas"]  # the document tells no lies
    detail_schema = schemas["DocumentDetail"]["allOf"][1]
    assert set(request) == set(schemas["Document"]["properties"]) and set(request["signatures"][0]) == set(
        schemas["Document"]["properties"]["signatures"]["items"]["properties"]
    )
    assert set(detail) == set(request) | set(detail_schema["properties"])
    download = api("liaison.mzj").get(f"/api/v1/documents/{issued}.docx")
    assert download.status_code == 200 and download.mimetype == DOCX
    assert f"filename*=UTF-8''{quote(detail['title'] + '.docx')}" in download.headers["Content-Disposition"]
    assert download.data == signed_in("liaison.mzj").get(f"/documents/{issued}.docx").data
    with zipfile.ZipFile(io.BytesIO(download.data)) as docx:
        body = docx.read("word/document.xml").decode()
    assert detail["title"] in body and number in body


def test_the_office_sets_the_level_and_archives_anyone_else_is_refused(api, documents):
    issued, joint = documents
    office, director, unit, guest = (api(u) for u in ("office.staff", "office.director", "liaison.wjj", "liaison.sfj"))
    level = f"/api/v1/documents/{issued}/level"
    assert guest.get(f"/api/v1/documents/{issued}").status_code == 404  # a guest unit is not asked
    assert guest.get("/api/v1/documents").json == {"documents": []}
    assert unit.post(level, json={"level": "restricted"}).status_code == 403
    refused = office.post(level, json={"level": "public"})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "needs_director"
    wrong = office.post(level, json={"level": "secret"})
    assert wrong.status_code == 422 and wrong.json["error"]["fields"]["level"]["code"] == "not_a_choice"
    assert office.post(level, json=["restricted"]).status_code == 400
    assert office.get(f"/api/v1/documents/{issued}").json["level"] == "internal"
    assert office.post(level, json={"level": "restricted"}).json["level"] == "restricted"
    assert director.post(level, json={"level": "public"}).json["level"] == "public"
    assert [d["id"] for d in guest.get("/api/v1/documents").json["documents"]] == [issued]  # open to the whole body
    assert unit.post(f"/api/v1/documents/{issued}/archive").status_code == 403
    not_yet = office.post(f"/api/v1/documents/{joint}/archive")
    assert not_yet.status_code == 409 and not_yet.json["error"]["code"] == "not_finished"
    archived = office.post(f"/api/v1/documents/{issued}/archive")
    assert archived.status_code == 201
    assert (archived.json["kind"], archived.json["record_id"], archived.json["archived_by"]) == (
        "request", issued, "office.staff",
    )  # fmt: skip
    again = office.post(f"/api/v1/documents/{issued}/archive")
    assert again.status_code == 409 and again.json["error"]["code"] == "already_archived"
    assert office.get(f"/api/v1/documents/{issued}").json["archived"] is True
