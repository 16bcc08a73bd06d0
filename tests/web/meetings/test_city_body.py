"""The demo's second body, a city's (engine/demo/city.py), runs a full meeting through the pages as
its own people, a dissent going up to its government; every page names the city's government,
seal and body, and none names the district. The district's pages still name their own."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engine.demo import city, walkthrough
from engine.meetings.models import Meeting
from engine.org.models import Body
from engine.workflow import timers
from engine.workflow.models import HumanTask
from tests.conftest import sign_in
from tests.web import meeting_setup as setup

TITLE = "2026年度市联席会议全体会议"
MEMBERS = [city.code(short) for short, *_ in city.UNITS]
DISSENTING = city.code("yjj")
DISPUTE = "市应急管理局认为专项检查时限过紧，应延至明年三月；市卫生健康委员会认为应按期完成"
GOVERNMENT, SEAL, BODY = "桂林市人民政府", "桂林市卫生健康委员会", "桂林市职业病防治工作联席会议"
ITEMS = "\n".join(
    [
        f"起草全市年度工作要点｜{city.code('wjw')}｜{city.code('rsj')}｜2026-12-31",
        f"开展专项检查｜{DISSENTING}｜｜2027-01-31",
    ]
)

# The mediation fails on the second decided item (专项检查), which the dissenting unit leads.
NOT_SETTLED = {
    "outcome": "to_government",
    "disputed_items": ["2"],
    "majority_view": "应按期完成",
    "dissenting_view": "专项检查时限过紧",
}


def liaison(unit: str) -> str:
    return f"{city.PREFIX}liaison.{unit.removeprefix(city.PREFIX)}"


def local(moment) -> str:
    """An instant as a `datetime-local` input (the clock is in Asia/Shanghai)."""
    return f"{moment:%Y-%m-%dT%H:%M}"


class City:
    """The city's people at the pages: each completes the open task it is given."""

    def __init__(self, app, post, open_task):
        self.app, self.post, self.open_task = app, post, open_task
        self.clients: dict[str, object] = {}

    def client(self, username: str):
        if username not in self.clients:
            self.clients[username] = sign_in(self.app.test_client(), username)
        return self.clients[username]

    def complete(self, username: str, instance: int, step: str, data: dict, unit: str | None = None) -> None:
        task = self.open_task(instance, step, unit=unit).id
        response = self.post(self.client(username), f"/tasks/{task}/complete", data)
        assert response.status_code == 302, response.text

    def signed_in_again(self) -> None:
        """After the clock moves on, yesterday's sessions have lapsed."""
        self.clients.clear()


def start(people: City, read) -> int:
    started = people.post(
        people.client("gl.office.staff"), "/instances/new", {"process_id": "full_meeting", "title": TITLE}
    )
    assert started.status_code == 302, started.text
    read.rollback()
    return read.get(HumanTask, started.headers["Location"].rsplit("/", 1)[1]).instance_id


def held(people: City, read, app, clock) -> int:
    """Opened by the city's office, topics from every unit, approved by its convener, held."""
    instance = start(people, read)
    now = clock.now()
    people.complete(
        "gl.office.staff", instance, "open_round", {"title": TITLE, "topic_deadline": local(now + timedelta(days=5))}
    )
    for unit in MEMBERS:
        people.complete(liaison(unit), instance, "suggest_topics", {"topics": "通报本单位职业病防治工作"}, unit=unit)
    meeting_at = now + timedelta(days=2)
    proposal = {"title": TITLE, "topics": "1. 年度工作总结", "meeting_at": local(meeting_at), "place": "市卫健委会议室"}
    people.complete("gl.office.staff", instance, "compile_proposal", proposal)
    people.complete("gl.convener", instance, "decide_meeting", {"decision": "approve"})
    clock.set(meeting_at + timedelta(hours=3))
    assert timers.fire_due_timers(app.extensions["lianxi"].db, clock.now()) >= 1
    people.signed_in_again()
    return instance


def issued_after_a_dispute(people: City, instance: int) -> None:
    """Minutes co-signed by all, 市应急管理局 disagreeing; the director cannot settle it, so the
    dispute goes to the city's government and the convener signs the co-signed minutes."""
    people.complete("gl.office.staff", instance, "record_attendance", {"attended_units": MEMBERS})
    people.complete(
        "gl.office.staff", instance, "draft_minutes", {"minutes_text": "市联席会议纪要第一稿", "decided_items": ITEMS}
    )
    for unit in MEMBERS:
        agree = unit != DISSENTING
        decision = {"decision": "agree"} if agree else {"decision": "disagree", "comment": "第二项时限过紧"}
        people.complete(liaison(unit), instance, "cosign_minutes", decision, unit=unit)
    mediation = people.client("gl.office.director").get(f"/tasks/{people.open_task(instance, 'mediate').id}").text
    assert "分歧事项报本级政府决定" in mediation and "七星" not in mediation
    outcome = {**NOT_SETTLED, "disputed_matter": DISPUTE}
    people.complete("gl.office.director", instance, "mediate", outcome)
    people.complete("gl.convener", instance, "sign_minutes", {"signature": "sign"})


def test_a_city_meeting_names_the_citys_government_seal_and_body(app, clock, post, open_task, read):
    people = City(app, post, open_task)
    instance = held(people, read, app, clock)
    issued_after_a_dispute(people, instance)
    read.rollback()  # a fresh snapshot, after the pages wrote
    meeting = read.scalar(select(Meeting).where(Meeting.instance_id == instance))
    assert (meeting.status, meeting.seal) == ("issued", SEAL)

    page = people.client("gl.office.staff").get(f"/meetings/{meeting.id}").text
    assert f"报请{GOVERNMENT}决定的分歧事项" in page and DISPUTE in page
    assert f"协调未果，分歧事项待报请{GOVERNMENT}决定（桂林市应急管理局）" in page  # the timeline
    assert f"待{GOVERNMENT}决定" in page  # the second decided item waits for it
    assert f"{SEAL}（代章）" in page and BODY in page
    for reader in ("gl.liaison.gov", "gl.liaison.rsj"):  # 抄报 the city's government; a member unit
        copy = people.client(reader).get(f"/meetings/{meeting.id}/copy").text
        assert f"（印发单位：{SEAL} 代章）" in copy and BODY in copy and "市联席会议纪要第一稿" in copy
        assert f"待{GOVERNMENT}决定" in copy
        assert "七星" not in copy and "区卫生" not in copy
    for path in (f"/meetings/{meeting.id}", "/meetings", f"/instances/{instance}", "/supervision", "/"):
        shown = people.client("gl.office.director").get(path)
        assert shown.status_code == 200 and "七星" not in shown.text and "区人民政府" not in shown.text, path


def test_the_district_still_names_its_own(db, clock, signed_in):
    instance = setup.cosigning(db, clock)
    dissent = {"decision": "disagree", "comment": "第二项时限过紧"}
    walkthrough.act(db, "liaison.yjj", instance, "cosign_minutes", dissent, clock.now(), unit="yjj")
    setup.cosign_rest(db, instance, clock.now())
    outcome = {**NOT_SETTLED, "disputed_matter": "区应急管理局认为时限过紧"}
    walkthrough.act(db, "office.director", instance, "mediate", outcome, clock.now())
    walkthrough.act(db, "convener", instance, "sign_minutes", {"signature": "sign"}, clock.now())
    meeting = setup.meeting_id(db, instance)

    page = signed_in("office.staff").get(f"/meetings/{meeting}").text
    assert "报请七星区人民政府决定的分歧事项" in page and "分歧事项待报请七星区人民政府决定（区应急管理局）" in page
    assert "待七星区人民政府决定" in page
    assert "区卫生健康局（代章）" in page and "桂林市人民政府" not in page
    copy = signed_in("liaison.qzf").get(f"/meetings/{meeting}/copy").text
    assert "（印发单位：区卫生健康局 代章）" in copy and "七星区职业病防治工作局际联席会议" in copy
    assert "待七星区人民政府决定" in copy


def test_the_demo_city_is_a_body_of_its_own(db, signed_in):
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == city.BODY["code"]))
        assert (body.name, body.level, body.government_name) == (BODY, "city", GOVERNMENT)
        assert (body.body_seal, body.office_seal, body.doc_prefix) == (SEAL, "桂林市卫生健康委员会办公室", "桂职防联")
        assert body.convener_unit == body.office_unit == city.code("wjw")
        assert [u.code for u in body.units if u.kind == "member"] == MEMBERS
    director = signed_in("gl.office.director")
    inbox = director.get("/").text
    assert city.PROPOSED[0] in inbox and BODY in inbox  # the city's own work in progress
    assert "研究部署职业病危害专项治理工作" not in inbox  # not the district's
    assert city.PROPOSED[0] not in signed_in("office.staff").get("/instances").text  # nor the district the city's
