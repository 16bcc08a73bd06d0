"""Every route of the app, walked: what it needs, and what it answers to whom it is not for.

ACCESS names, for every endpoint, what it needs: nothing (PUBLIC), a signed-in person (SIGNED_IN;
some of those pages are for some roles only, which their own tests check), or a record of a kind
named by the ids in its URL. The walk asks every route anonymously (a page redirects to the log-in
form, the API answers 401), and asks every record route for a record that is not theirs as a
person of another unit of the same body and as the office of another body: both get 404, exactly
as for an id that does not exist (never 403, never 500), and a POST, sent with a valid CSRF token,
changes nothing. A route added without its case here fails the first test, which names it.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3

from other_body import OFFICE as OTHER_BODY_OFFICE
from sqlalchemy import select

from engine.core.base import Base
from tests.web.conftest import page_token

PUBLIC, SIGNED_IN = "public", "signed in"
ACCESS = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "api.openapi": PUBLIC,
    "auth.logout": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "inbox.index": SIGNED_IN,
    "inbox.all_open": SIGNED_IN,
    "inbox.mine": SIGNED_IN,
    "search.index": SIGNED_IN,
    "me.notifications": SIGNED_IN,
    "me.notifications_read_all": SIGNED_IN,
    "me.notification_read": "notification",
    "me.preferences": SIGNED_IN,
    "me.preferences_save": SIGNED_IN,
    "admin.annual_page": SIGNED_IN,
    "admin.annual_save": SIGNED_IN,
    "site.calendar_page": SIGNED_IN,  # the site administrator's only: tests/web/site
    "site.calendar_add": SIGNED_IN,
    "site.calendar_delete": SIGNED_IN,  # a day of the national calendar, every body's
    "site.bodies": SIGNED_IN,
    "site.create_body": SIGNED_IN,
    "site.body": SIGNED_IN,  # any body: the site administrator's, no one else's (403)
    "site.add_unit": SIGNED_IN,
    "site.add_administrator": SIGNED_IN,
    "admin.reminders_page": SIGNED_IN,
    "admin.reminders_save": SIGNED_IN,
    "admin.sign_ins": SIGNED_IN,  # the body's administrator's only: tests/web/admin/test_sign_in_records.py
    "site.sign_ins": SIGNED_IN,
    "roster.index": SIGNED_IN,  # the body's administrator's only (403 for anyone else): tests/web/roster
    "roster.body_page": SIGNED_IN,
    "roster.body_save": SIGNED_IN,
    "roster.units": SIGNED_IN,
    "roster.unit_add": SIGNED_IN,
    "roster.unit": "roster unit",
    "roster.unit_save": "roster unit",
    "roster.unit_retire": "roster unit",
    "roster.unit_history": "roster unit",
    "roster.seat_change": "roster unit",
    "roster.people": SIGNED_IN,
    "roster.person_add": SIGNED_IN,
    "roster.person": "roster person",
    "roster.person_save": "roster person",
    "roster.person_roles": "roster person",
    "roster.person_password": "roster person",
    "roster.person_lock": "roster person",
    "roster.person_deactivate": "roster person",
    "roster.export": SIGNED_IN,
    "roster.template": SIGNED_IN,
    "roster.import_page": SIGNED_IN,
    "roster.import_preview": SIGNED_IN,
    "roster.import_confirm": SIGNED_IN,  # an upload waits in its uploader's own folder: tests/web/roster
    "tasks.show": "task",
    "tasks.complete": "task",
    "tasks.on_behalf": "task",
    "tasks.draft": "task",
    "tasks.comment": "task",
    "tasks.reassign": "task",
    "instances.index": SIGNED_IN,
    "instances.new": SIGNED_IN,
    "instances.show": "instance",
    "instances.remind_owing": "instance",
    "instances.file": "instance's file",
    "instances.set_file_level": "instance's file",
    "instances.versions": SIGNED_IN,  # the office's and the administrator's (403 for anyone else): tests/web/instances
    "instances.cancel": "instance",
    "instances.migrate": "instance",
    "incidents.index": SIGNED_IN,  # the office's and the administrator's (403 for anyone else): tests/web/incidents
    "incidents.show": "incident",
    "incidents.retry": "incident",
    "incidents.skip": "incident",
    "meetings.index": SIGNED_IN,
    "meetings.show": "meeting",
    "meetings.copy": "meeting",
    "meetings.minutes_docx": "meeting",
    "meetings.notice_docx": "meeting",
    "meetings.set_level": "meeting",
    "meetings.record_sitting_in": "meeting",
    "documents.index": SIGNED_IN,
    "documents.show": "outgoing document",
    "documents.document_docx": "outgoing document",
    "documents.set_level": "outgoing document",
    "information.reports_page": SIGNED_IN,
    "information.review_queue": SIGNED_IN,  # the office's only (403 for anyone else): tests/web/information
    "information.new_report": SIGNED_IN,  # a member unit's liaison's only: tests/web/information
    "information.report": "information report",
    "information.review_report": "information report",
    "information.revise_report": "information report",
    "information.report_file": "information report",
    "information.requests_page": SIGNED_IN,
    "information.request_page": "information request",
    "information.bulletins_page": SIGNED_IN,
    "information.begin_bulletin": SIGNED_IN,  # the office's only
    "information.bulletin": "bulletin",
    "information.bulletin_docx_file": "bulletin",
    "archive.index": SIGNED_IN,  # who reads the archive (403 for anyone else): tests/web/archive
    "archive.download": "archive entry",
    "archive.meeting": "meeting",
    "archive.document": "outgoing document",
    "units.show": "unit",
    "units.change_liaisons": "unit",
    "units.save_contacts": "unit",
    "units.save_duties": "unit",
    "supervision.index": SIGNED_IN,  # another unit's ledger (?unit=): tests/web/supervision
    "supervision.export": SIGNED_IN,
    "supervision.timeliness_page": SIGNED_IN,
    "supervision.new": SIGNED_IN,
    "supervision.show": "supervised item",
    "supervision.request_progress": "supervised item",
    "supervision.upload": "supervised item",
    "supervision.download": "supervised item's file",
    "supervision.set_level": "supervised item's file",
    "inspections.index": SIGNED_IN,
    "inspections.show": "inspection",
    "inspections.record_finding": "inspection",
    "inspections.file": "inspection's file",
    "inspections.report_docx": "inspection",
    "annual.index": SIGNED_IN,
    "annual.show": "annual year",
    "annual.accept_all": "annual year",
    "annual.compile_page": "annual year",
    "annual.save": "annual year",
    "annual.export": "annual year",
    "annual.unit": "annual unit",
    "annual.attach": "annual unit",
    "annual.review": "annual unit",
    "annual.document": "annual submission's document",
    "archive.annual_year": "annual year",
    "annual.set_document_level": "annual submission's document",
    "plans.index": SIGNED_IN,
    "plans.show": "plan run",
    "plans.record_event": "plan run",
    "plans.clone": "plan run",
    "plans.unit": "unit of a plan run",
    "research.index": SIGNED_IN,
    "research.show": "research",
    "research.put_in_pool": "research",
    "api.csrf_token": SIGNED_IN,
    "api.list_tasks": SIGNED_IN,
    "api.start_instance": SIGNED_IN,
    "api.get_task": "task",
    "api.complete_task": "task",
    "api.get_instance": "instance",
    "api.nag_units": "instance",
    "api.running_instances": SIGNED_IN,  # the office's and the administrator's: tests/web/api
    "api.cancel_instance": "instance",
    "api.migrate_instance": "instance",
    "api.list_reports": SIGNED_IN,  # the caller's unit's, or the office's whole body's: tests/web/information
    "api.file_report": SIGNED_IN,
    "api.list_inspections": SIGNED_IN,  # those the caller sees: tests/web/api/test_inspections_api.py
    "api.get_inspection": "inspection",
    "api.record_finding": "inspection",
    "api.list_research": SIGNED_IN,  # those the caller sees: tests/web/api/test_research_api.py
    "api.get_research": "research",
    "api.pool_proposal": "research",
    "api.list_bulletins": SIGNED_IN,  # those the caller sees: tests/web/api/test_bulletins_api.py
    "api.get_bulletin": "bulletin",
    "api.list_units": SIGNED_IN,  # the caller's own body only: tests/web/api/test_roster_api.py
    "api.seat_history": "unit",
    "api.change_seat": "unit",
    "api.send_message": SIGNED_IN,  # the office's and the administrator's: tests/web/api/test_messages_api.py
    "api.send_signal": SIGNED_IN,
    # api: meetings
    "api.list_meetings": SIGNED_IN,  # those the caller sees: tests/web/api/test_meetings_api.py
    "api.get_meeting": "meeting",
    "api.get_meeting_copy": "meeting",
    "api.meeting_minutes_docx": "meeting",
    "api.meeting_notice_docx": "meeting",
    "api.record_meeting_sitting_in": "meeting",
    "api.set_meeting_level": "meeting",
    # api: supervision
    "api.list_supervised_items": SIGNED_IN,  # another unit's (?unit=) is 404: tests/web/api/test_supervision_api.py
    "api.ledger_workbook": SIGNED_IN,
    "api.unit_timeliness": SIGNED_IN,  # the office's: tests/web/api/test_supervision_api.py
    "api.start_supervised_item": SIGNED_IN,  # the office's
    "api.get_supervised_item": "supervised item",
    "api.request_item_progress": "supervised item",
    "api.attach_to_item": "supervised item",
    "api.download_item_file": "supervised item's file",
    "api.set_item_file_level": "supervised item's file",
    # api: annual
    "api.list_annual_cycles": SIGNED_IN,  # those who see the whole body (403 for a unit): test_annual_api.py
    "api.get_annual_settings": SIGNED_IN,  # the administrator's and the office director's: test_annual_api.py
    "api.save_annual_settings": SIGNED_IN,
    "api.get_annual_year": "annual year",
    "api.accept_annual_submissions": "annual year",
    "api.annual_draft": "annual year",  # GET and POST: one rule
    "api.export_annual_docx": "annual year",
    "api.get_annual_unit": "annual unit",
    "api.review_annual_submission": "annual unit",
    "api.get_annual_document": "annual submission's document",
    "api.set_annual_document_level": "annual submission's document",
    "api.attach_annual_document": "annual unit",
    # api: plans
    "api.list_plans": SIGNED_IN,  # those the caller sees: tests/web/api/test_plans_api.py
    "api.get_plan": "plan run",
    "api.record_plan_event": "plan run",
    "api.clone_plan": "plan run",
    "api.get_plan_unit": "unit of a plan run",
    # api: documents
    "api.list_documents": SIGNED_IN,  # those the caller may read: tests/web/api/test_documents_api.py
    "api.get_document": "outgoing document",
    "api.document_docx": "outgoing document",
    "api.set_document_level": "outgoing document",
    "api.archive_document": "outgoing document",
    # api: reminders
    "api.get_reminder_policy": SIGNED_IN,  # the administrator's and the office director's: test_reminders_api.py
    "api.change_reminder_policy": SIGNED_IN,
    "api.task_reminders": "task",
    "api.instance_reminders": "instance",
    "api.get_calendar": SIGNED_IN,  # the site administrator's only (403 for anyone else): test_reminders_api.py
    "api.add_calendar_days": SIGNED_IN,
    "api.remove_calendar_day": SIGNED_IN,  # a day of the national calendar, every body's
}
# URL values for routes whose arguments name no record.
PLAIN_VALUES = {"filename": "css/app.css", "day": "2027-02-07"}
# What a POST sends: enough that a route which forgot its check would act on it.
FORM = {
    "level": "restricted",
    "text": "另一单位的意见",
    "reason": "另一单位代为办理",
    "assignee": "unit:mzj",
    "acknowledged": "on",
    "task_name": "receive_minutes",
    "note": "催办",
    "primary": "liaison.mzj",
    "review_decision": "accept",
    "based_on": "0",
    "deliverable": "clue_check",
    "event_on": "2027-07-01",
    "phone": "0773-1234567",
}
JSON = {"task_name": "receive_minutes", "note": "催办", "acknowledged": True}
# Rows that only record that someone is signed in, and change with any request.
SIGN_IN_TABLES = {"login_session", "login_throttle", "api_token"}


def test_every_route_has_an_access_case(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = sorted(endpoints - set(ACCESS))
    assert not missing, f"routes without an access case in tests/web/test_route_access.py ACCESS: {missing}"
    assert not sorted(set(ACCESS) - endpoints), "ACCESS names routes that no longer exist"


def rules(app, kinds: set[str] | None = None):
    """(rule, method) for every route and method, or only the routes of these kinds."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if kinds is None or ACCESS.get(rule.endpoint) in kinds:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def build(app, rule, values: dict) -> str:
    return app.url_map.bind("localhost").build(rule.endpoint, {a: values[a] for a in rule.arguments}, method=None)


def request(client, method: str, url: str, token: str | None):
    if url.startswith("/api/"):
        headers = {"X-CSRFToken": token} if token else {}
        return client.open(url, method=method, json=JSON if method == "POST" else None, headers=headers)
    if method == "POST":
        return client.post(url, data={**FORM, "csrf_token": token})
    return client.get(url)


def test_anonymous_is_sent_to_log_in_or_told_401(app):
    client = app.test_client()
    token = page_token(client.get("/login").text)
    values = {**PLAIN_VALUES, "task_id": "x", "year": 2026, "code": "wjj", "username": "liaison.wjj"} | dict.fromkeys(
        ("instance_id", "meeting_id", "item_id", "attachment_id", "run_id", "notification_id", "document_id")
        + ("entry_id", "incident_id", "research_id", "number", "inspection_id", "report_id", "request_id")
        + ("bulletin_id",),
        1,
    )
    wrong = {}
    for rule, method in rules(app):
        if ACCESS[rule.endpoint] == PUBLIC and method == "POST":
            continue  # the log-in form itself
        response = request(client, method, build(app, rule, values), token)
        response.close()  # a static file's
        if not _anonymous_answer(rule, response):
            wrong[f"{method} {rule.rule}"] = response.status_code
    assert wrong == {}


def _anonymous_answer(rule, response) -> bool:  # noqa: ANN001
    """A public route answers; a page sends the visitor to log in; the API says 401."""
    if ACCESS[rule.endpoint] == PUBLIC:
        return response.status_code == 200
    if rule.rule.startswith("/api/"):
        return response.status_code == 401
    return response.status_code == 302 and response.location.startswith("/login")


def fingerprint(db) -> str:
    """Every row of every table but the sign-in records, hashed."""
    digest = hashlib.sha256()
    with db.read_session() as session:
        for name, table in sorted(Base.metadata.tables.items()):
            if name not in SIGN_IN_TABLES:
                rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
                digest.update(f"{name}:{rows!r}".encode())
    return digest.hexdigest()


class Rows:
    """Whether any row but the sign-in records changed since it last looked. SQLite's
    data_version, read on a connection of its own, moves only when another connection commits,
    so the rows are hashed only then (a hash of the demo is ~45 ms, and a walk asks hundreds of
    times)."""

    def __init__(self, db):
        self.db, self.watch = db, sqlite3.connect(db.engine.url.database)
        self.version, self.hashed = self._version(), fingerprint(db)

    def _version(self) -> int:
        return self.watch.execute("PRAGMA data_version").fetchone()[0]

    def changed(self) -> bool:
        version = self._version()
        if version == self.version:
            return False
        hashed = fingerprint(self.db)
        changed, self.version, self.hashed = hashed != self.hashed, version, hashed
        return changed

    def close(self) -> None:
        self.watch.close()


class People:
    """Signed-in clients with their CSRF tokens, signed in once each."""

    def __init__(self, signed_in):
        self.signed_in, self.clients = signed_in, {}

    def __call__(self, username: str):
        if username not in self.clients:
            client = self.signed_in(username)
            self.clients[username] = client, page_token(client.get("/").text)
        return self.clients[username]


def test_every_record_route_is_not_found_for_another_unit_and_another_body(app, records, signed_in):
    people = People(signed_in)
    for kind, record in records.items():  # the ids are real ones: their owner sees them
        page = record.owner_path or next(build(app, r, record.values) for r, m in rules(app, {kind}) if m == "GET")
        assert people(record.owner)[0].get(page).status_code == 200, (kind, record.owner, page)
    for username in filter(None, {record.outsider for record in records.values()} | {OTHER_BODY_OFFICE}):
        people(username)  # before the rows are watched: a sign-in is recorded
    rows, wrong = Rows(app.extensions["lianxi"].db), {}
    for rule, method in rules(app, set(records)):
        record = records[ACCESS[rule.endpoint]]
        url = build(app, rule, record.values)
        for username in filter(None, (record.outsider, OTHER_BODY_OFFICE)):
            client, token = people(username)
            response = request(client, method, url, token)
            changed = method == "POST" and rows.changed()
            if response.status_code != 404 or changed:
                wrong[f"{method} {url} as {username}"] = (response.status_code, "changed" if changed else "")
    rows.close()
    assert wrong == {}


def test_a_file_upload_to_another_units_record_is_not_read(app, records, signed_in):
    """The upload routes refuse before reading the body: a multipart POST answers 404 too."""
    client, token = People(signed_in)("liaison.zgh")
    upload = {"file": (io.BytesIO(b"%PDF-1.4\n"), "x.pdf"), "csrf_token": token}
    item = records["supervised item"].values["item_id"]
    response = client.post(f"/supervision/items/{item}/attachments", data=upload, content_type="multipart/form-data")
    assert response.status_code == 404
    upload = {"file": (io.BytesIO(b"%PDF-1.4\n"), "x.pdf"), "csrf_token": token}
    response = client.post("/annual/2026/units/wjj/documents", data=upload, content_type="multipart/form-data")
    assert response.status_code == 404
