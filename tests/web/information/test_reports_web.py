"""信息报送 on the pages: a liaison files a report with a file, sees its state, and cannot review
it; another unit's liaison is not found; the office reviews it from its queue and its overview.
Bad input is 422 with the field named, and nothing is kept."""

from __future__ import annotations

import io

from information_steps import filed, report_of
from sqlalchemy import func, select

from engine.information.models import InformationReport

REPORT = {
    "kind": "case_lead",
    "title": "某石材厂未落实粉尘防护",
    "text": "群众反映该厂工人未佩戴防尘口罩。",
    "level": "internal",
}


def count(app) -> int:
    with app.extensions["lianxi"].db.read_session() as session:
        return session.scalar(select(func.count()).select_from(InformationReport))


def test_a_liaison_files_a_report_the_office_accepts_it_and_another_unit_never_sees_it(app, signed_in, post):
    liaison = signed_in("liaison.wjj")
    upload = {**REPORT, "file": (io.BytesIO(b"%PDF-1.4\n"), "照片说明.pdf")}
    response = post(liaison, "/reports/new", upload, content_type="multipart/form-data")
    assert response.status_code == 302
    page = liaison.get(response.location).text
    report_id = int(response.location.rsplit("/", 1)[1])
    assert "待审核" in page and REPORT["title"] in page and "照片说明.pdf" in page and "review-form" not in page
    assert liaison.get(f"/reports/{report_id}/file").data == b"%PDF-1.4\n"
    assert REPORT["title"] in liaison.get("/reports").text

    assert post(liaison, f"/reports/{report_id}/review", {"decision": "accept"}).status_code == 403  # not the office
    assert liaison.get("/reports/review").status_code == 403
    other = signed_in("liaison.mzj")
    assert other.get(f"/reports/{report_id}").status_code == 404
    assert other.get(f"/reports/{report_id}/file").status_code == 404
    assert REPORT["title"] not in other.get("/reports").text
    assert report_of(app.extensions["lianxi"].db, report_id).status == "submitted"

    office = signed_in("office.staff")
    assert REPORT["title"] in office.get("/").text  # the overview's reports waiting for review
    assert REPORT["title"] in office.get("/reports/review").text
    response = post(office, f"/reports/{report_id}/review", {"decision": "accept", "note": "可编入简报"})
    assert (response.status_code, response.location) == (302, "/reports/review")
    assert report_of(app.extensions["lianxi"].db, report_id).status == "accepted"
    assert "已采用" in liaison.get(f"/reports/{report_id}").text


def test_bad_input_is_refused_with_the_field_named_and_nothing_kept(app, clock, signed_in, post):
    liaison = signed_in("liaison.wjj")
    response = post(liaison, "/reports/new", {**REPORT, "title": ""}, content_type="multipart/form-data")
    assert response.status_code == 422 and "error-title" in response.text and "此项必填" in response.text
    assert REPORT["text"] in response.text  # what was typed is kept on the page
    bad_file = {**REPORT, "file": (io.BytesIO(b"MZ"), "工具.exe")}
    assert post(liaison, "/reports/new", bad_file, content_type="multipart/form-data").status_code == 422
    assert count(app) == 0
    assert signed_in("office.staff").get("/reports/new").status_code == 403  # the office files nothing

    report_id = filed(app.extensions["lianxi"].db, "wjj", clock.now())
    response = post(signed_in("office.staff"), f"/reports/{report_id}/review", {"decision": "return", "note": " "})
    assert response.status_code == 422 and "error-note" in response.text and "此项必填" in response.text
    assert report_of(app.extensions["lianxi"].db, report_id).status == "submitted"


def test_a_returned_report_is_revised_on_its_page_by_its_unit(app, clock, signed_in, post):
    db = app.extensions["lianxi"].db
    report_id = filed(db, "wjj", clock.now())
    office = signed_in("office.staff")
    post(office, f"/reports/{report_id}/review", {"decision": "return", "note": "请写明随访的乡镇"})
    liaison = signed_in("liaison.wjj")
    page = liaison.get(f"/reports/{report_id}").text
    assert "请写明随访的乡镇" in page and "revise-form" in page
    revised = {**REPORT, "text": "朝阳乡随访尘肺病患者8人。"}
    response = post(liaison, f"/reports/{report_id}/revise", revised, content_type="multipart/form-data")
    assert response.status_code == 302
    report = report_of(db, report_id)
    assert (report.status, report.version, report.text) == ("submitted", 2, revised["text"])
