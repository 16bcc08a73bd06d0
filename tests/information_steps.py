"""Information reports, requests and bulletins walked through the services as their people would
(the joint-meeting rules §五(一)): the engine tests, the web tests and tests/task_states.py share
these steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.information import bulletins, reports, requests, review
from engine.information.models import Bulletin, InformationReport
from engine.org import accounts
from engine.workflow.forms import Upload

REPORT = {
    "kind": "work_news",
    "title": "开展尘肺病患者随访工作",
    "text": "本月共随访尘肺病患者23人，建立健康档案23份。",
    "level": "internal",
}
EVENT = {
    "kind": "major_event",
    "title": "某企业发生疑似职业性急性中毒",
    "text": "一家电镀企业3名工人出现疑似急性中毒症状，已送医救治，现场已封存。",
}


def filed(db, unit: str, now: datetime, upload: Upload | None = None, **changes) -> int:
    """A report the unit's liaison files, with `upload` as its file; its id."""
    with UnitOfWork(db) as uow:
        person = accounts.find(uow.session, f"liaison.{unit}")
        report = reports.file(uow.session, person, None, {**REPORT, **changes}, upload, now)
        uow.commit()
        return report.id


def reviewed(db, report_id: int, decision: str, now: datetime, note: str = "", merged_into: int | None = None) -> None:
    with UnitOfWork(db) as uow:
        office = accounts.find(uow.session, "office.staff")
        report = uow.session.get(InformationReport, report_id)
        review.review(uow.session, office, report, decision, note, now, merged_into)
        uow.commit()


def report_of(db, report_id: int) -> InformationReport:
    with db.read_session() as session:
        return session.get(InformationReport, report_id)


def begun(db, now: datetime) -> int:
    """An issue the office began to compile: its instance's id."""
    with UnitOfWork(db) as uow:
        bulletin = bulletins.begin(uow.session, accounts.find(uow.session, "office.staff"), now)
        uow.commit()
        return bulletin.instance_id


def bulletin_of(db, instance_id: int) -> Bulletin:
    with db.read_session() as session:
        return session.scalar(select(Bulletin).where(Bulletin.instance_id == instance_id))


def compiled(db, instance_id: int, numbers: list[int], now: datetime, foreword: str = "") -> None:
    values = {"masthead": "bulletin", "reports": numbers, "foreword": foreword}
    walkthrough.act(db, "office.staff", instance_id, "compile_bulletin", values, now)


def decided(db, instance_id: int, now: datetime, reason: str = "") -> None:
    """The director approves the issue, or with a `reason` returns it."""
    values = {"approval": "return", "return_reason": reason} if reason else {"approval": "approve"}
    walkthrough.act(db, "office.director", instance_id, "approve_bulletin", values, now)


def requested(db, now: datetime, units: list[str], due: str | None = None) -> int:
    """A request the office sent to `units`, due a week after `now` unless `due` says: its instance's id."""
    instance_id = walkthrough.start_meeting(db, now, title="尘肺病患者帮扶情况", process="information_request")
    values = {
        "subject": "尘肺病患者帮扶情况",
        "request_text": "请报送本单位尘肺病患者帮扶工作开展情况。",
        "asked_units": units,
        "answer_due": due or walkthrough.days_after(now, 7),
    }
    walkthrough.act(db, "office.staff", instance_id, "request_information", values, now)
    return instance_id


def answered(db, instance_id: int, unit: str, now: datetime) -> None:
    values = {
        "report_kind": "work_news",
        "report_title": "走访尘肺病患者家庭情况",
        "report_text": "已走访患者家庭5户。",
    }
    walkthrough.act(db, f"liaison.{unit}", instance_id, "answer_information", values, now, unit=unit)


def every_step(db, now: datetime) -> None:
    """For tests/task_states.py: a major event awaiting the director; a request answered by one
    unit, the other still owing; an issue released, its copies to sign for."""
    filed(db, "yjj", now, **EVENT)
    answered(db, requested(db, now, ["wjj", "zgh"]), "wjj", now)
    reviewed(db, filed(db, "rsj", now), "accept", now)
    instance_id = begun(db, now)
    compiled(db, instance_id, [1], now, foreword="本期刊登人社部门工作动态。")
    decided(db, instance_id, now)


def released(db, unit: str, now: datetime) -> int:
    """An issue of one report of `unit`, released to every member unit and the government: its id."""
    reviewed(db, filed(db, unit, now), "accept", now)
    instance_id = begun(db, now)
    compiled(db, instance_id, [1], now)
    decided(db, instance_id, now)
    return bulletin_of(db, instance_id).id


def request_of(db, instance_id: int) -> int:
    with db.read_session() as session:
        return requests.of_instance(session, instance_id).id
