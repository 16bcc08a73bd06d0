"""The demo's second body: a city's, beside the district's, so that one installation shows bodies
at two levels, each with its own government, seals and document prefix. It is entered as any
body is, through the roster services (engine.roster), so the demo exercises them. Its unit codes
and user names start with `gl.` so that they read as the city's."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.demo import walkthrough
from engine.org import accounts
from engine.org.models import Body
from engine.roster import bodies, people, units

PREFIX = "gl."
BODY = {
    "code": "guilin",
    "name": "桂林市职业病防治工作联席会议",
    "level": "city",
    "government_name": "桂林市人民政府",
    "body_seal": "桂林市卫生健康委员会",
    "office_seal": "桂林市卫生健康委员会办公室",
    "doc_prefix": "桂职防联",
}
# (code without the prefix, unit name, the title of its member): a city's departments.
UNITS = [
    ("wjw", "桂林市卫生健康委员会", "副主任"),
    ("fgw", "桂林市发展和改革委员会", "副主任"),
    ("jyj", "桂林市教育局", "副局长"),
    ("gxj", "桂林市工业和信息化局", "副局长"),
    ("mzj", "桂林市民政局", "副局长"),
    ("czj", "桂林市财政局", "副局长"),
    ("rsj", "桂林市人力资源和社会保障局", "副局长"),
    ("sthjj", "桂林市生态环境局", "副局长"),
    ("yjj", "桂林市应急管理局", "副局长"),
    ("scjgj", "桂林市市场监督管理局", "副局长"),
    ("zgh", "桂林市总工会", "副主席"),
]
HOST = "wjw"  # the health commission convenes the body and hosts its office
# (user name, roles, display name, title): the office sits in the health commission.
OFFICE = [
    ("gl.convener", ["convener"], "召集人", "桂林市卫生健康委员会主任"),
    ("gl.office.director", ["office_director", "admin"], "办公室主任", "桂林市卫生健康委员会分管领导"),
    ("gl.office.staff", ["office_staff"], "办公室工作人员", "桂林市卫生健康委员会职业健康科负责人"),
]
ACTOR = "setup"
# The meeting the city's office has proposed, awaiting its director.
PROPOSED = ("研究全市尘肺病防治攻坚工作", ["wjw", "rsj", "yjj", "zgh"])


def code(short: str) -> str:
    return PREFIX + short


def load(db: Database, now: datetime, password: str) -> list[str]:
    """The city body, once (a second run changes nothing); returns its logins."""
    with UnitOfWork(db) as uow:
        if uow.session.scalar(select(Body.id).where(Body.code == BODY["code"])) is None:
            _roster(uow.session, now, password)
            uow.commit()
            _work_in_progress(db, now)
    return logins()


def logins() -> list[str]:
    shorts = [short for short, *_ in UNITS] + [bodies.GOVERNMENT_CODE]
    return [name for name, *_ in OFFICE] + [f"{PREFIX}liaison.{short}" for short in shorts]


def _roster(session: Session, now: datetime, password: str) -> None:
    body = bodies.create(session, BODY, ACTOR, now)
    for short, name, _title in UNITS:
        units.add(session, body.id, {"code": code(short), "name": name, "kind": "member"}, ACTOR, now)
    host = {"convener_unit": code(HOST), "office_unit": code(HOST)}
    bodies.save_profile(session, body.id, {**BODY, **host}, ACTOR, now)
    for values in _people():
        person, _temporary = people.add(session, body.id, values, ACTOR, now)
        accounts.set_password(session, person, password, now)


def _people() -> list[dict]:
    """The office, then a liaison and a member for every unit, and a liaison for the government,
    which receives copies of the minutes."""
    found = [
        {"username": name, "unit": code(HOST), "roles": roles, "display_name": display, "title": title}
        for name, roles, display, title in OFFICE
    ]
    for short, name, title in UNITS:
        found.append(_seat("liaison", short, code(short), name))
        found.append(_seat("member", short, code(short), name, f"{name}{title}"))
    found.append(_seat("liaison", bodies.GOVERNMENT_CODE, bodies.GOVERNMENT_CODE, BODY["government_name"]))
    return found


def _seat(seat: str, short: str, unit: str, name: str, title: str = "") -> dict:
    display = f"{name}{'联络员' if seat == 'liaison' else '成员'}"
    return {
        "username": f"{PREFIX}{seat}.{short}",
        "unit": unit,
        "roles": [seat],
        "display_name": display,
        "title": title,
    }


def _work_in_progress(db: Database, now: datetime) -> None:
    title, attending = PROPOSED
    instance_id = walkthrough.start_meeting(db, now, title, body=BODY["code"], by="gl.office.staff")
    proposal = walkthrough.proposal(
        [code(s) for s in attending], now + timedelta(days=9), title, place="桂林市卫生健康委员会会议室"
    )
    walkthrough.act(db, "gl.office.staff", instance_id, "propose_meeting", proposal, now)
