"""Information requests (信息征集): the office asks named member units for information on a subject
by a day (workflows/information_request.bpmn); each unit answers with a report, which the office
reviews like any other. The matrix says which unit has answered, and with what."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.information.models import InformationReport, InformationRequest
from engine.org.queries import unit_names
from engine.workflow.models import HumanTask

ANSWER_TASK = "answer_information"


@dataclass(frozen=True)
class Asked:
    """One unit asked, as the matrix shows it: its answer (a report), or its task still open."""

    code: str
    name: str
    report: InformationReport | None
    task: HumanTask | None  # open while the unit has not answered


def of_instance(session: Session, instance_id: int) -> InformationRequest | None:
    return session.scalar(select(InformationRequest).where(InformationRequest.instance_id == instance_id))


def of_body(session: Session, body_id: int) -> list[InformationRequest]:
    """The body's requests, the latest first."""
    query = select(InformationRequest).where(InformationRequest.body_id == body_id)
    return list(session.scalars(query.order_by(InformationRequest.requested_at.desc(), InformationRequest.id.desc())))


def answers(session: Session, request: InformationRequest) -> dict[str, InformationReport]:
    """Each unit's answer by its code."""
    query = select(InformationReport).where(InformationReport.request_id == request.id)
    return {report.unit: report for report in session.scalars(query.order_by(InformationReport.id))}


def matrix(session: Session, request: InformationRequest) -> list[Asked]:
    """Every unit asked, in roster order, with its answer or its open task."""
    names, answered = unit_names(session, request.body_id), answers(session, request)
    query = select(HumanTask).where(
        HumanTask.instance_id == request.instance_id, HumanTask.name == ANSWER_TASK, HumanTask.status == "open"
    )
    owing = {task.assignee: task for task in session.scalars(query)}
    return [Asked(code, names.get(code, code), answered.get(code), owing.get(code)) for code in request.units]
