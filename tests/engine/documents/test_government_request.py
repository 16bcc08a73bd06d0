"""Requests (请示) and reports (报告) to the government in several departments' name (the
joint-meeting rules §六(三)): every member unit co-signs, a dissent is mediated and, unsettled,
its views go with the document; the convener issues it under the next number of its kind, and
the government's unit signs for it."""

from __future__ import annotations

import pytest
from referral_steps import issued_with_dispute, referral_of, request_sent
from request_steps import VIEWS, cosigned, document_of, drafted, not_settled, open_tasks, started
from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.documents import numbering, requests
from engine.documents.models import DocumentCosignature, DocumentSequence
from engine.org.models import Body, Unit
from engine.workflow.models import ProcessInstance


def member_units(db) -> set[str]:
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        return set(session.scalars(select(Unit.code).where(Unit.body_id == body.id, Unit.kind == "member")))


def next_serial(db, kind: str, year: int) -> int:
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        last = session.get(DocumentSequence, (body.id, kind, year))
        return (last.last_serial if last else 0) + 1


def test_a_request_with_an_unsettled_dissent_goes_to_the_government_with_the_views(db, clock):
    now = clock.now()
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    asked = open_tasks(db, instance_id, "cosign_document")
    assert {t.assignee for t in asked} == member_units(db) and len(asked) >= 20  # every member unit
    assert not any(t.proxy_allowed for t in asked)  # the unit's own consent: no 代办
    cosigned(db, instance_id, now, dissent="mzj")
    assert document_of(db, instance_id).status == "mediating"
    assert open_tasks(db, instance_id, "sign_document") == []
    walkthrough.act(db, "office.director", instance_id, "mediate_document", not_settled(), now)
    document = document_of(db, instance_id)
    assert (document.status, document.differing_views, document.mediated_by) == ("signing", VIEWS, "office.director")
    serial = next_serial(db, "request", now.year)
    walkthrough.act(db, "convener", instance_id, "sign_document", {"signature": "sign"}, now)
    issued = document_of(db, instance_id)
    assert (issued.status, issued.issued_by, issued.main_to) == ("issued", "convener", "七星区人民政府")
    with db.read_session() as session:
        number = numbering.number_of(session, numbering.OUTGOING, issued.id)
        dissent = session.scalar(select(DocumentCosignature).where(DocumentCosignature.unit == "mzj"))
    assert (number.kind, number.text) == ("request", f"七星职防联〔{now.year}〕{serial}号")
    assert (dissent.decision, dissent.version) == ("disagree", 1)
    (receipt,) = open_tasks(db, instance_id, "acknowledge_document")
    assert (receipt.assignee_kind, receipt.assignee) == ("unit", "qzf")  # the body's government
    walkthrough.complete(db, "liaison.qzf", receipt.id, {"acknowledged": True}, now)
    assert document_of(db, instance_id).received_by == "liaison.qzf"
    with db.read_session() as session:
        assert session.get(ProcessInstance, instance_id).status == "completed"


def test_a_report_every_unit_agrees_to_goes_straight_to_the_convener(db, clock):
    now = clock.now()
    instance_id = started(db, now, "年度工作报告")
    drafted(db, instance_id, now, kind="report")
    cosigned(db, instance_id, now)
    assert open_tasks(db, instance_id, "mediate_document") == []
    serial = next_serial(db, "report", now.year)
    walkthrough.act(db, "convener", instance_id, "sign_document", {"signature": "sign"}, now)
    with db.read_session() as session:
        number = numbering.number_of(session, numbering.OUTGOING, document_of(db, instance_id).id)
    assert (number.kind, number.serial) == ("report", serial)


def test_a_settled_dissent_sends_the_redraft_to_every_unit_again(db, clock):
    now = clock.now()
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    cosigned(db, instance_id, now, dissent="mzj")
    revised = {"outcome": "revised", "mediation_note": "删去区民政局的配合任务"}
    walkthrough.act(db, "convener", instance_id, "mediate_document", revised, now)
    assert document_of(db, instance_id).status == "drafting"
    drafted(db, instance_id, now)
    assert document_of(db, instance_id).version == 2
    assert {t.assignee for t in open_tasks(db, instance_id, "cosign_document")} == member_units(db)


def test_the_convener_cannot_issue_before_every_unit_has_answered(db, clock):
    now = clock.now()
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    first = open_tasks(db, instance_id, "cosign_document")[0]
    walkthrough.complete(db, f"liaison.{first.assignee}", first.id, {"decision": "agree"}, now)
    assert open_tasks(db, instance_id, "sign_document") == []  # the convener's task waits for the round
    with UnitOfWork(db) as uow, pytest.raises(requests.NotCosigned, match="not co-signed by every member unit"):
        requests.issue(uow.session, requests.of_instance(uow.session, instance_id), "convener", now)
    document = document_of(db, instance_id)
    with db.read_session() as session:
        assert numbering.number_of(session, numbering.OUTGOING, document.id) is None
    assert (document.status, document.issued_at) == ("cosigning", None)


def test_an_unmediated_dissent_cannot_be_issued(db, clock):
    now = clock.now()
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    cosigned(db, instance_id, now, dissent="mzj")
    with UnitOfWork(db) as uow, pytest.raises(requests.NotCosigned, match="mediation"):
        requests.issue(uow.session, requests.of_instance(uow.session, instance_id), "convener", now)


def test_a_disputes_request_takes_the_next_request_number_when_the_convener_signs_it(db, clock):
    instance_id, held = issued_with_dispute(db, clock.now())
    referral = referral_of(db, instance_id)
    serial = next_serial(db, "request", held.year)
    request_sent(db, referral, held)
    with db.read_session() as session:
        number = numbering.number_of(session, numbering.REFERRAL, referral.id)
    assert (number.kind, number.serial, number.issued_by) == ("request", serial, "convener")
