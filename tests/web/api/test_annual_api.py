"""The annual cycle's API (年度总结): the year and a unit's part read back as the pages show them,
the office's review, accept-all, draft and export, the settings; and who is refused: a year or unit
not theirs is 404, what only the office does is 403 to the others who see it, bad input changes nothing."""

from __future__ import annotations

import io
from datetime import datetime

import docx
import pytest
from annual_setup import cycle_of
from sqlalchemy import func, select

from engine.annual import cycles
from engine.annual.models import AnnualCycle, AnnualDraft, AnnualSubmission
from engine.attachments.models import Attachment
from engine.core.clock import SHANGHAI
from tests.web.route_records import STARTED, SUBMISSION

PDF = b"%PDF-1.4\n%test\n"


def upload(name: str, content: bytes = PDF) -> dict:
    return {"data": {"file": (io.BytesIO(content), name)}, "content_type": "multipart/form-data"}


@pytest.fixture
def submitted(app, clock, api, find_task) -> AnnualCycle:
    """The 2026 cycle on 5 December: wjj has submitted through its inbox task."""
    db = app.extensions["lianxi"].db
    cycles.start_due_cycles(db, STARTED)
    clock.set(datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI))
    task = find_task("liaison.wjj", "submit_annual")
    assert api("liaison.wjj").post(f"/api/v1/tasks/{task['id']}/complete", json=SUBMISSION).status_code == 200
    return cycle_of(db, "qixing", 2026)


def test_the_year_and_a_unit_read_as_the_pages_show_them(submitted, api, clock, app):
    office = api("office.staff")
    assert [c["year"] for c in office.get("/api/v1/annual").json["cycles"]] == [2026]
    year = office.get("/api/v1/annual/2026").json
    assert (year["status"], year["deadline"], year["submitted"], year["pending"]) == ("collecting", "2026-12-20", 1, 1)
    rows = {row["code"]: row for row in year["units"]}
    assert len(rows) == 22 and list(rows)[0] == year["units"][0]["code"]
    assert (rows["wjj"]["state"], rows["wjj"]["submissions"], rows["wjj"]["late"]) == ("pending", 1, False)
    assert rows["wjj"]["review_task_id"] and rows["rsj"]["state"] == "not_submitted" and not rows["rsj"]["late"]
    wjj, attach = api("liaison.wjj"), "/api/v1/annual/2026/units/wjj/documents"
    assert api("liaison.rsj").post(attach, **upload("总结.pdf")).status_code == 404  # another unit's
    assert wjj.post(attach, json={"file": "总结.pdf"}).status_code == 400
    refused = wjj.post(attach, **upload("总结.txt", b"text"))
    assert refused.status_code == 422 and list(refused.json["error"]["fields"]) == ["file"]
    sent = wjj.post(attach, **upload("总结.pdf"))
    assert sent.status_code == 201 and (sent.json["filename"], sent.json["level"]) == ("总结.pdf", "internal")
    with app.extensions["lianxi"].db.read_session() as session:  # only the one accepted is kept
        assert session.scalars(
            select(Attachment.filename).where(Attachment.owner_kind == "annual_submission")
        ).all() == ["总结.pdf"]
    unit = wjj.get("/api/v1/annual/2026/units/wjj").json
    [given] = unit["submissions"]
    schemas = office.get("/api/v1/openapi.json").json["components"]["schemas"]  # the document tells no lies
    for shape, name in ((year, "AnnualYear"), (year["units"][0], "AnnualUnitRow"), (unit, "AnnualUnit"),
                        (given, "AnnualSubmission")):  # fmt: skip
        assert set(shape) == set(schemas[name]["properties"]), name
    assert (given["summary"], given["topics"], given["review"]) == (
        SUBMISSION["summary"],
        [SUBMISSION["topics"]],
        "pending",
    )
    assert given["plan"] == [{"item": "开展职业健康宣传周活动", "owner": "宣传科", "month": "2027-04"}]
    assert unit["may_attach"] is True and [d["filename"] for d in given["documents"]] == ["总结.pdf"]
    document = f"/api/v1/annual/documents/{given['documents'][0]['id']}"
    assert wjj.get(document).status_code == 200 and wjj.get(document).data == PDF
    assert api("liaison.rsj").get(document).status_code == 404
    assert wjj.post(f"{document}/level", json={"level": "restricted"}).status_code == 403  # the office's
    assert office.post(f"{document}/level", json={"level": "secret"}).status_code == 422
    assert office.post(f"{document}/level", json=["restricted"]).status_code == 400
    assert office.post(f"{document}/level", json={"level": "restricted"}).json["level"] == "restricted"
    # a liaison reads its own unit only; the year's overview is the office's, the convener's and the administrator's
    assert wjj.get("/api/v1/annual").status_code == 403
    for url in (
        "/api/v1/annual/2026",
        "/api/v1/annual/2026/units/rsj",
        "/api/v1/annual/2026/draft",
        "/api/v1/annual/2025",
    ):
        assert wjj.get(url).status_code == 404, url
    assert api("convener").get("/api/v1/annual/2026").status_code == 200
    assert api("gl.office.staff").get("/api/v1/annual/2026/units/wjj").status_code == 404  # another body's unit
    clock.set(datetime(2026, 12, 21, 10, 0, tzinfo=SHANGHAI))  # past the deadline, the missing are late
    late = {row["code"]: row["late"] for row in office.get("/api/v1/annual/2026").json["units"]}
    assert late["rsj"] is True and late["wjj"] is False


def test_the_office_reviews_and_the_others_are_refused(submitted, api, find_task):
    review = "/api/v1/annual/2026/units/wjj/review"
    assert api("convener").post(review, json={"review_decision": "accept"}).status_code == 403  # sees, may not act
    assert api("liaison.wjj").post(review, json={"review_decision": "accept"}).status_code == 403  # its own unit
    assert api("liaison.rsj").post(review, json={"review_decision": "accept"}).status_code == 404
    assert api("liaison.wjj").post("/api/v1/annual/2026/accept-all").status_code == 404
    office = api("office.staff")
    assert office.post(review, json=["accept"]).status_code == 400
    assert office.post(review, json={"review_decision": "accept", "extra": "x"}).status_code == 400
    refused = office.post(review, json={"review_decision": "return"})
    assert refused.status_code == 422 and "review_comments" in refused.json["error"]["fields"]
    assert office.get("/api/v1/annual/2026/units/wjj").json["state"] == "pending"  # nothing changed
    returned = {"review_decision": "return", "review_comments": "请补充数据", "resubmit_by": "2026-12-15"}
    done = office.post(review, json=returned)
    assert done.status_code == 200 and (done.json["state"], done.json["review_task_id"]) == ("returned", None)
    again = find_task("liaison.wjj", "submit_annual")
    assert again["due_at"].startswith("2026-12-15")
    assert office.post(review, json={"review_decision": "accept"}).status_code == 409  # none awaits review
    api("liaison.wjj").post(f"/api/v1/tasks/{again['id']}/complete", json=SUBMISSION)
    assert office.post("/api/v1/annual/2026/accept-all").json == {"accepted": 1}
    wjj = office.get("/api/v1/annual/2026/units/wjj").json
    assert wjj["state"] == "accepted" and [s["review"] for s in wjj["submissions"]] == ["returned", "accepted"]


def test_the_office_saves_the_draft_and_exports_it(submitted, api, app):
    office, draft = api("office.staff"), "/api/v1/annual/2026/draft"
    gathered = office.get(draft).json
    assert gathered["based_on"] == 0 and gathered["versions"] == [] and gathered["may_edit"] is True
    assert "## 区卫生健康局" in gathered["text"] and SUBMISSION["summary"] in gathered["text"]
    assert "（尚未报送）" in gathered["text"] and gathered["compile_open"] is False
    assert api("convener").get(draft).json["may_edit"] is False
    assert api("convener").post(draft, json={"text": "x", "based_on": 0}).status_code == 403
    text = "# 年度总结\n## 区卫生健康局\n修改后的总结"
    saved = office.post(draft, json={"text": text, "based_on": 0})
    assert saved.status_code == 200 and (saved.json["based_on"], saved.json["text"]) == (1, text)
    assert [v["saved_by"] for v in saved.json["versions"]] == ["office.staff"]
    assert office.post(draft, json={"text": "# 另一稿", "based_on": 0}).status_code == 409  # stale
    assert office.post(draft, json={"text": "x", "based_on": "1"}).status_code == 400
    beyond = office.post(f"/api/v1/annual/{2**31}/draft", json={"text": "x", "based_on": 1})
    assert beyond.status_code == 404  # beyond the database's integer: no such year, as for a GET
    assert office.post(draft, json={"text": "  ", "based_on": 1}).json["error"]["fields"]["text"]["code"] == "required"
    finalising = office.post(draft, json={"text": "# 定稿", "based_on": 1, "finalise": True})
    assert finalising.status_code == 409  # the year is still collecting: not being compiled
    with app.extensions["lianxi"].db.read_session() as session:
        assert session.scalars(select(AnnualDraft.number)).all() == [1]  # nothing else saved
        assert session.scalar(select(func.count()).select_from(AnnualSubmission)) == 1
    assert office.get(f"{draft}?regather=1").json["text"] == gathered["text"]
    assert api("convener").get("/api/v1/annual/2026/export.docx").status_code == 403
    download = office.get("/api/v1/annual/2026/export.docx")
    assert download.status_code == 200 and download.mimetype.endswith("wordprocessingml.document")
    texts = [p.text for p in docx.Document(io.BytesIO(download.data)).paragraphs if p.text]
    assert texts[1:4] == ["年度总结", "区卫生健康局", "修改后的总结"]


def test_the_settings_are_the_administrators_and_the_directors(api):
    director, url = api("office.director"), "/api/v1/annual/settings"
    defaults = {"start_day": "12-01", "deadline_day": "12-20", "require_convener_approval": False}
    assert director.get(url).json == defaults
    assert api("office.staff").get(url).status_code == 403
    assert api("liaison.wjj").post(url, json={**defaults, "start_day": "11-20"}).status_code == 403
    refused = director.post(url, json={"start_day": "12-25", "deadline_day": "12-20"})
    assert (
        refused.status_code == 422
        and refused.json["error"]["fields"]["deadline_day"]["code"] == "deadline_before_start"
    )
    assert director.post(url, json={"start_day": 1201, "deadline_day": "12-20"}).status_code == 400
    assert director.get(url).json == defaults  # nothing changed
    wanted = {"start_day": "11-20", "deadline_day": "12-15", "require_convener_approval": True}
    assert director.post(url, json=wanted).json == wanted
    assert director.get(url).json == wanted
