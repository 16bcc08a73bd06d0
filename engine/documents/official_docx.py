"""Issued minutes as an official document (.docx) laid out by GB/T 9704-2012: the 纪要 head in
red, its number, the title, the text with its decided items, the signature under the seal that
stands in for the body (代章), and the 版记 naming who received it (docs/DOCUMENTS.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.documents import layout, numbering
from engine.meetings import queries, referrals, sitting_in
from engine.meetings.models import Meeting
from engine.org.models import Body, Person, Unit

# 一、 starts a heading of the first level, （一） one of the second (GB/T 9704-2012 7.3.3).


@dataclass(frozen=True)
class Minutes:
    organ: str  # the head: "<body>纪要" or "<body>办公室会议纪要"
    number: str
    title: str
    facts: list[str]
    text: list[str]
    items: list[str]
    attended: str
    signer: str
    seal: str
    issued_on: date
    sent_to: list[str]  # 分送
    reported_to: list[str]  # 抄报: the government
    printed_by: str
    marks: tuple[str, ...] = ()  # 密级 (GB/T 9704-2012 7.2.2)
    sitting_in: str = ""  # 列席: the office's people who sat in on a full meeting


def minutes_docx(session: Session, meeting: Meeting) -> bytes:
    return render(minutes_of(session, meeting))


def minutes_of(session: Session, meeting: Meeting) -> Minutes:
    body = session.get(Body, meeting.body_id)
    names = dict(session.execute(select(Unit.code, Unit.name).where(Unit.body_id == body.id)).all())
    version = queries.versions(session, meeting)[-1]
    number = numbering.number_of(session, numbering.MEETING, meeting.id)
    copies = queries.copies(session, meeting)
    return Minutes(
        organ=_organ(body.name, meeting.kind),
        number=number.text if number else "",
        title=f"{meeting.title}纪要",
        facts=_facts(session, meeting),
        text=[line.strip() for line in version.text.splitlines() if line.strip()],
        items=_items(session, version, body.government_name, names),
        attended="、".join(names.get(code, code) for code in meeting.attended_units),
        signer=f"{body.name}办公室" if meeting.kind == "office" else body.name,
        seal=meeting.seal,
        issued_on=as_aware(meeting.issued_at or meeting.opened_at).date(),
        sent_to=[names.get(c.unit, c.unit) for c in copies if c.role != "copy"],
        reported_to=[names.get(c.unit, c.unit) for c in copies if c.role == "copy"],
        printed_by=f"{body.name}办公室",
        marks=layout.marks_of(meeting.level),
        sitting_in="、".join(sitting_in.names(session, meeting)),
    )


def _organ(body_name: str, kind: str) -> str:
    """The 纪要 mark (GB/T 9704-2012 10.3): a body called …会议 issues …会议纪要, not …会议会议纪要."""
    if kind == "office":
        return f"{body_name}办公室会议纪要"
    return f"{body_name}纪要" if body_name.endswith("会议") else f"{body_name}会议纪要"


def _facts(session: Session, meeting: Meeting) -> list[str]:
    facts = []
    if meeting.meeting_at:
        facts.append(f"会议时间：{layout.chinese_date(meeting.meeting_at)} {as_aware(meeting.meeting_at):%H:%M}")
    if meeting.place:
        facts.append(f"会议地点：{meeting.place}")
    if meeting.chair:
        chair = session.scalar(select(Person.display_name).where(Person.username == meeting.chair))
        facts.append(f"主持人：{chair or meeting.chair}")
    return facts


def _items(session: Session, version, government: str, names: dict[str, str]) -> list[str]:
    """Each decided item; one left to the government after a failed mediation says so, as the
    meeting page and the copies do (docs/RULES.md, disputes): the text the units signed is kept."""
    states = referrals.item_states(session, version)
    marks = {n: _government_mark(state, government) for n, (state, _referral) in states.items()}
    return [_item(n, item, names, marks.get(n, "")) for n, item in enumerate(version.decided_items, 1)]


def _government_mark(state: str, government: str) -> str:
    government = government or "本级政府"
    return f"（待{government}决定）" if state == "pending" else f"（{government}已决定）"


def _item(n: int, item: dict, names: dict[str, str], mark: str = "") -> str:
    text = item["text"].rstrip("。；;.") + mark
    lead = names.get(item["lead"], item["lead"])
    cooperating = "、".join(names.get(c, c) for c in item.get("cooperating") or []) or "无"
    due = f"{layout.chinese_date(date.fromisoformat(item['due']))}前" if item.get("due") else "长期"
    return f"{n}．{text}。牵头单位：{lead}；配合单位：{cooperating}；完成时限：{due}。"


def render(minutes: Minutes) -> bytes:
    document = layout.new_document()
    layout.head(document, minutes.organ, minutes.number, marks=minutes.marks)
    layout.title(document, minutes.title)
    for fact in minutes.facts:
        layout.paragraph(document, fact)
    for line in minutes.text:
        layout.text_line(document, line)
    if minutes.items:
        layout.heading(document, "议定事项", 1)
        for item in minutes.items:
            layout.paragraph(document, item)
    if minutes.attended:
        layout.paragraph(document, f"出席：{minutes.attended}", indent=True).paragraph_format.space_before = layout.LINE
    if minutes.sitting_in:
        layout.paragraph(document, f"列席：{minutes.sitting_in}", indent=True)
    layout.right_aligned(document, minutes.signer, lines_before=2)
    layout.right_aligned(document, f"（{minutes.seal}代章）")
    layout.right_aligned(document, layout.chinese_date(minutes.issued_on))
    layout.record_at_foot(document, _record_lines(minutes), minutes.printed_by, layout.chinese_date(minutes.issued_on))
    layout.page_numbers(document)
    return layout.saved(document)


def _record_lines(minutes: Minutes) -> list[str]:
    """分送 and 抄报 (7.4.2): the recipients after a full-width colon, ending with 。"""
    lines = []
    if minutes.sent_to:
        lines.append(f"分送：{'，'.join(minutes.sent_to)}。")
    if minutes.reported_to:
        lines.append(f"抄报：{'，'.join(minutes.reported_to)}。")
    return lines
