"""Service tasks run lianxi's operators (engine.workflow.services): each operator from deploy to
the end of its step; an operator or parameter lianxi lacks refused at deploy with file, line and
element; an operator's failure an incident of one line, retried once its cause is gone."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import quoteattr

import pytest
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body, Person
from engine.reminders.models import Notification
from engine.supervision.models import SupervisedItem
from engine.workflow import deploy, incidents, instances
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff.parsing import BpmnProblem

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "services" / "service_step.bpmn"
FILE = "service_step.bpmn"
TASK_LINE, OPERATOR_LINE = 16, 18  # the fixture's serviceTask, and the line OPERATOR stands on


def operator(name: str, **params: str) -> str:
    """The operator element, on one line; each parameter's value is an expression."""
    given = "".join(f'<spiffworkflow:parameter id="{k}" type="any" value={quoteattr(v)}/>' for k, v in params.items())
    return (
        f'<spiffworkflow:serviceTaskOperator id="{name}" resultVariable="answer">'
        f"<spiffworkflow:parameters>{given}</spiffworkflow:parameters></spiffworkflow:serviceTaskOperator>"
    )


def source(operator_xml: str, attributes: str = "") -> str:
    text = FIXTURE.read_text(encoding="utf-8")
    return text.replace("OPERATOR", operator_xml).replace("TASK_ATTRIBUTES", attributes)


def deployed(db, text: str, now) -> None:
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {FILE: text}, {}, "tester", now)
        uow.commit()


def started(db, now, data: dict | None = None) -> int:
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance = instances.start(
            uow.session, "service_step", body, {"title": "服务测试", **(data or {})}, "office.staff", now
        )
        uow.commit()
        return instance.id


def answer_and_steps(db, instance_id: int) -> tuple[object, dict[str, str]]:
    with db.read_session() as session:
        data = instances.current_data(session.get(ProcessInstance, instance_id))
        rows = session.scalars(select(HumanTask).where(HumanTask.instance_id == instance_id))
        return data.get("answer"), {row.name: row.status for row in rows}


@pytest.fixture
def service(monkeypatch):
    """A JSON service on loopback, the one host LIANXI_SERVICE_HOSTS allows: it answers `answers`
    in turn ((status, JSON), then 200 {"ok": true}) and keeps each request it was sent."""
    answers, seen = [], []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.answer()

        def do_POST(self):
            self.answer()

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            seen.append((self.command, self.path, json.loads(self.rfile.read(length)) if length else None))
            status, body = answers.pop(0) if answers else (200, {"ok": True})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    monkeypatch.setenv("LIANXI_SERVICE_HOSTS", url)
    yield SimpleNamespace(url=url, answers=answers, seen=seen)
    server.shutdown()
    server.server_close()
    thread.join()


def test_notify_unit_reaches_the_units_liaisons(db, clock):
    deployed(
        db, source(operator("notify_unit", unit="'wjj'", title="'请报送材料'", text="title + '：本周内'")), clock.now()
    )
    instance_id = started(db, clock.now())
    answer, steps = answer_and_steps(db, instance_id)
    assert answer == {"unit": "wjj", "notified": ["liaison.wjj"]} and steps == {"review": "open"}
    with db.read_session() as session:
        query = select(Notification.text).join(Person, Person.id == Notification.person_id)
        assert session.scalars(
            query.where(Person.username == "liaison.wjj", Notification.title == "请报送材料")
        ).all() == ["服务测试：本周内"]


def test_start_supervision_puts_the_item_under_supervision(db, clock):
    params = {"text": "item", "lead": "'scjgj'", "due": "'2027-03-01'", "cooperating": "['wjj']"}
    deployed(db, source(operator("start_supervision", **params)), clock.now())
    instance_id = started(db, clock.now(), {"item": "开展职业病危害专项检查"})
    answer, steps = answer_and_steps(db, instance_id)
    assert steps == {"review": "open"}
    with db.read_session() as session:
        item = session.get(SupervisedItem, answer["item"])
        assert (item.text, item.lead, item.cooperating, item.source_text) == (
            "开展职业病危害专项检查",
            "scjgj",
            ["wjj"],
            "服务测试",
        )
        assert item.instance_id == answer["instance"] and item.created_by == "office.staff"


def test_http_call_posts_json_and_keeps_the_answer(db, clock, service):
    deployed(db, source(operator("http_call", url=f"'{service.url}/cases'", body="{'title': title}")), clock.now())
    service.answers.append((201, {"case": 7}))
    answer, steps = answer_and_steps(db, started(db, clock.now()))
    assert service.seen == [("POST", "/cases", {"title": "服务测试"})]
    assert answer == {"case": 7} and steps == {"review": "open"}


def test_a_failing_call_is_an_incident_and_its_retry_goes_on(db, clock, service):
    deployed(db, source(operator("http_call", url=f"'{service.url}/cases'")), clock.now())
    service.answers.append((503, {"error": "busy"}))
    instance_id = started(db, clock.now())
    with db.read_session() as session:
        (incident,) = incidents.open_of_instance(session, instance_id)
    assert incident.detail.startswith(f"http_call: GET {service.url}/cases answered 503 Service Unavailable")
    assert incident.detail.endswith("in task call (调用服务)")
    assert "\n" not in incident.detail and "Traceback" not in incident.detail
    assert answer_and_steps(db, instance_id)[1] == {}
    with UnitOfWork(db) as uow:  # the service answers again
        incidents.retry(uow, accounts.find(uow.session, "office.director"), incident.id, clock.now())
        uow.commit()
    assert answer_and_steps(db, instance_id) == ({"ok": True}, {"review": "open"})


def test_a_computed_url_outside_the_allowed_hosts_is_an_incident(db, clock, service):
    deployed(db, source(operator("http_call", url="target")), clock.now())
    instance_id = started(db, clock.now(), {"target": "http://example.com/steal"})
    with db.read_session() as session:
        (incident,) = incidents.open_of_instance(session, instance_id)
    assert "http://example.com is not among the hosts LIANXI_SERVICE_HOSTS allows" in incident.detail
    assert service.seen == []


@pytest.mark.parametrize(
    ("task", "attributes", "line", "said"),
    [
        (operator("notify_units", unit="'wjj'"), "", OPERATOR_LINE, "operator 'notify_units' is not one lianxi has"),
        (operator("notify_unit", unit="'wjj'"), "", OPERATOR_LINE, "notify_unit needs the parameter 'title'"),
        (operator("notify_unit", unit="'wjj'", title="'t'", to="'x'"), "", OPERATOR_LINE, "has no parameter 'to'"),
        (operator("http_call", url="'http://example.com/x'"), "", OPERATOR_LINE, "http://example.com is not among"),
        (operator("start_supervision", text="'t'", lead="'wjj'", due="'3 March'"), "", OPERATOR_LINE, "not a date"),
        ("", "", TASK_LINE, "a service task runs one of lianxi's operators (notify_unit, start_supervision"),
        ("", ' camunda:class="org.Example"', TASK_LINE, "camunda:class is not supported (lianxi runs no Camunda"),
    ],
)
def test_a_service_task_lianxi_cannot_run_is_refused_at_deploy(db, clock, task, attributes, line, said):
    with pytest.raises(BpmnProblem) as problem:
        deployed(db, source(task, attributes), clock.now())
    assert (problem.value.file, problem.value.line) == (FILE, line)
    assert said in problem.value.message and "call" in problem.value.message
