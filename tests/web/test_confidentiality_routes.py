"""Confidentiality (密级) on every route that serves a file or document (docs/CONFIDENTIALITY.md):
a restricted item is read by the office and not found (404) by a liaison of a unit it does not
name, nor by an administrator who otherwise sees the whole body; making anything public needs the
office director, whose consent is recorded."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.archive import archiving
from engine.archive.models import ArchiveEntry
from engine.attachments import store as attachments
from engine.attachments.models import Attachment
from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.meetings.models import Meeting
from engine.org import accounts
from engine.roster import people
from engine.workflow.forms import FILE_OWNER
from tests.web.conftest import page_token
from tests.web.test_route_access import build

# endpoint serving a file or document -> (record kind in route_records, the route setting its level)
SERVED = {
    "supervision.download": ("supervised item's file", "supervision.set_level"),
    "api.download_item_file": ("supervised item's file", "supervision.set_level"),
    "instances.file": ("instance's file", "instances.set_file_level"),
    "annual.document": ("annual submission's document", "annual.set_document_level"),
    "api.get_annual_document": ("annual submission's document", "annual.set_document_level"),
    "documents.show": ("outgoing document", "documents.set_level"),
    "documents.document_docx": ("outgoing document", "documents.set_level"),
    "api.get_document": ("outgoing document", "documents.set_level"),  # the API's, by the same level
    "api.document_docx": ("outgoing document", "documents.set_level"),
    "archive.download": ("archive entry", None),  # restricted by what it holds
    "information.report_file": ("information report", None),  # by the report's level, as its unit filed it
    "information.bulletin_docx_file": ("bulletin", None),  # by the issue's: its most restricted report's
    "inspections.file": ("inspection's file", None),  # a finding's evidence, or a form's file (instances.file)
    "inspections.report_docx": ("inspection", None),  # the report, read by whoever sees the inspection
    # a meeting's minutes and notice, by the meeting's level
    "meetings.minutes_docx": ("meeting", "meetings.set_level"),
    "meetings.notice_docx": ("meeting", "meetings.set_level"),
    "api.meeting_minutes_docx": ("meeting", "meetings.set_level"),
    "api.meeting_notice_docx": ("meeting", "meetings.set_level"),
}
# Served, but no item with a level: the static files, lists and the body's own aggregate exports
# (read by whoever sees the whole body).
UNLEVELLED = {
    "static", "documents.index", "roster.export", "roster.template", "supervision.export", "annual.export",
    "api.list_documents", "api.ledger_workbook", "api.export_annual_docx",
}  # fmt: skip
WORDS = ("download", "file", "document", "docx", "zip", "export", "xlsx")
ADMINISTRATOR = "liaison.mzj"  # made the body's administrator below: sees the whole body, not cleared


def _served(app) -> set[str]:
    return {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and any(w in rule.endpoint.lower() or w in rule.rule for w in WORDS)
    }


def test_every_route_serving_a_file_is_checked_here(app):
    assert _served(app) == set(SERVED) | UNLEVELLED


def _client(signed_in, username: str):
    client = signed_in(username)
    return client, page_token(client.get("/").text)


def _set(app, client_token, endpoint: str, values: dict, level: str):
    client, token = client_token
    with app.test_request_context():
        url = build(app, app.url_map._rules_by_endpoint[endpoint][0], values)
    return client.post(url, data={"level": level, "csrf_token": token})


def _get(app, client, endpoint: str, values: dict) -> int:
    response = client.get(build(app, app.url_map._rules_by_endpoint[endpoint][0], values))
    response.close()
    return response.status_code


def _archived_with_a_file(db, now) -> tuple[int, int, int]:
    """An issued meeting not yet archived, a file kept for its instance, archived: (entry, instance, file)."""
    with UnitOfWork(db) as uow:
        archived = select(ArchiveEntry.record_id).where(ArchiveEntry.kind == "meeting")
        issued = select(Meeting).where(Meeting.status == "issued", Meeting.id.not_in(archived)).order_by(Meeting.id)
        meeting = uow.session.scalar(issued.limit(1))
        found = attachments.store(
            uow.session, meeting.body_id, FILE_OWNER, meeting.instance_id, "材料.pdf", b"%PDF-1.4\n", "office", now
        )
        entry = archiving.archive(uow.session, accounts.find(uow.session, "office.staff"), "meeting", meeting.id, now)
        uow.commit()
        return entry.id, meeting.instance_id, found.id


@pytest.fixture
def administrator(app, clock, records):
    db = app.extensions["lianxi"].db
    with UnitOfWork(db) as uow:
        body_id = accounts.find(uow.session, ADMINISTRATOR).body_id
        people.set_roles(uow.session, body_id, ADMINISTRATOR, ["admin"], "setup", clock.now())
        uow.commit()
    return ADMINISTRATOR


def test_restricted_is_read_by_the_office_and_not_found_for_others(app, records, signed_in, administrator):
    office = _client(signed_in, "office.staff")
    for endpoint, (kind, setter) in SERVED.items():
        record = records[kind]
        if setter is None:
            continue
        _set(app, office, setter, record.values, "internal")  # routes sharing one record start internal
        assert _get(app, signed_in(administrator), endpoint, record.values) == 200, endpoint  # internal: as before
        assert _set(app, office, setter, record.values, "restricted").status_code == 302, setter
        assert _get(app, office[0], endpoint, record.values) == 200, endpoint
        # every member unit co-signs a request, so the administrator's own unit is named there
        for outsider in {record.outsider} | ({administrator} - {record.owner}):
            assert _get(app, signed_in(outsider), endpoint, record.values) == 404, (endpoint, outsider)


def test_a_package_holding_a_restricted_file_is_read_only_by_those_cleared(app, clock, signed_in, administrator):
    entry, instance, file = _archived_with_a_file(app.extensions["lianxi"].db, clock.now())
    office = _client(signed_in, "office.staff")
    assert _get(app, signed_in(administrator), "archive.download", {"entry_id": entry}) == 200
    _set(app, office, "instances.set_file_level", {"instance_id": instance, "attachment_id": file}, "restricted")
    assert _get(app, office[0], "archive.download", {"entry_id": entry}) == 200
    assert _get(app, signed_in(administrator), "archive.download", {"entry_id": entry}) == 404


def test_a_restricted_file_is_not_listed_to_whom_may_not_read_it(app, records, signed_in, administrator):
    record = records["supervised item's file"]
    _set(app, _client(signed_in, "office.staff"), "supervision.set_level", record.values, "restricted")
    with app.extensions["lianxi"].db.read_session() as session:
        found = session.get(Attachment, record.values["attachment_id"])
        item, name = found.owner_id, found.filename
    assert name in signed_in("office.staff").get(f"/supervision/items/{item}").text
    page = signed_in(administrator).get(f"/supervision/items/{item}")
    assert page.status_code == 200 and name not in page.text


def _level(app, attachment_id: int) -> tuple[str, list]:
    with app.extensions["lianxi"].db.read_session() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.summary == f"attachment {attachment_id}")).all()
        return session.get(Attachment, attachment_id).level, [(e.actor, e.action, e.after) for e in events]


def test_making_public_needs_the_office_director(app, records, signed_in):
    record = records["supervised item's file"]
    values, outsider = record.values, signed_in(record.outsider)
    assert _get(app, outsider, "supervision.download", values) == 404
    refused = _set(app, _client(signed_in, "office.staff"), "supervision.set_level", values, "public")
    assert refused.status_code == 403
    assert _level(app, values["attachment_id"]) == ("internal", [])
    approved = _set(app, _client(signed_in, "office.director"), "supervision.set_level", values, "public")
    assert approved.status_code == 302
    assert _level(app, values["attachment_id"]) == ("public", [("office.director", "publish", {"level": "public"})])
    assert _get(app, outsider, "supervision.download", values) == 200  # the whole body reads it now


def test_a_restricted_file_is_not_found_by_search(app, records, signed_in, administrator):
    record = records["annual submission's document"]  # 总结.pdf, wjj's
    found = signed_in(administrator).get("/search", query_string={"q": "总结"}).text
    assert f"/annual/documents/{record.values['attachment_id']}" in found
    _set(app, _client(signed_in, "office.staff"), "annual.set_document_level", record.values, "restricted")
    found = signed_in(administrator).get("/search", query_string={"q": "总结"}).text
    assert f"/annual/documents/{record.values['attachment_id']}" not in found
