"""A meeting's notice (会议通知) as an official document (.docx) laid out by GB/T 9704-2012: the
office's 文件 head in red, the notice's number, the title, the units it is addressed to (主送),
the time, place, topics and attending units, the contact, the signature under the office's seal
(代章), the reply slip (回执) as its attachment and the 印发 版记 (docs/DOCUMENTS.md).

The office sends the notice whatever the meeting's kind (engine.meetings.recorders._send_notice),
so the office is its issuing organ: the head, the signature and the 印发 line agree, as 7.2.3
asks of a head and its signature."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from docx.shared import Mm
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.core.clock import as_aware
from engine.core.errors import NotFound
from engine.documents import contacts, layout, numbering
from engine.meetings.models import Meeting
from engine.org.models import Body, Unit
from engine.workflow.instances import current_data
from engine.workflow.models import ProcessInstance

# Before approval no notice has gone out; a cancelled meeting was never approved (the decision
# cancels it instead), and an approved one cannot be returned.
NOT_SENT = ("soliciting", "proposed", "returned", "cancelled")
WEEKDAYS = "一二三四五六日"
REPLY_SLIP = "会议回执"
REPLY_COLUMNS = ("单位", "参会人员", "职务", "联系电话")
REPLY_WIDTHS = (Mm(60), Mm(32), Mm(32), Mm(32))  # the type area's 156 mm, the unit's name widest
# The liaison confirms who attends in lianxi (确认参会); the slip serves a unit that replies on paper.
REPLY_NOTE = "请于会前在系统中确认参会人员，或填写本回执报联席会议办公室。"


@dataclass(frozen=True)
class Notice:
    organ: str  # the head: "<body>办公室文件"
    number: str
    title: str
    main_to: str
    opening: str
    when: str
    place: str
    topics: list[str]
    attending: str
    units: list[str]  # the units the notice went to: a row each on the reply slip
    contact: str
    signer: str
    seal: str
    dated: date
    printed_by: str


def notice_docx(session: Session, meeting: Meeting) -> bytes:
    return render(notice_of(session, meeting))


def sent_notice(meeting: Meeting) -> Meeting:
    """The meeting, if its notice went out; NotFound otherwise."""
    if meeting.status in NOT_SENT:
        raise NotFound(f"notice of meeting {meeting.id}")
    return meeting


def notice_of(session: Session, meeting: Meeting) -> Notice:
    body = session.get(Body, meeting.body_id)
    office = f"{body.name}办公室"
    names = dict(session.execute(select(Unit.code, Unit.name).where(Unit.body_id == body.id)).all())
    expected = [names.get(code, code) for code in expected_units(session, meeting)]
    number = numbering.number_of(session, numbering.MEETING_NOTICE, meeting.id)
    return Notice(
        organ=f"{office}文件",
        number=number.text if number else "",  # approved before notices were numbered
        title=f"关于召开{meeting.title}的通知",
        main_to=_main_to(meeting, names, expected),
        opening=f"经研究，定于{_when(meeting)}召开{meeting.title}。现将有关事项通知如下：",
        when=_when(meeting),
        place=meeting.place,
        topics=[line.strip() for line in (meeting.topics or "").splitlines() if line.strip()],
        attending="、".join(expected),
        units=expected,
        contact=_sentence(contacts.contact_of(contacts.office_staff(session, body))),
        signer=office,
        seal=body.office_seal or office,
        dated=as_aware(number.issued_at if number else meeting.opened_at).date(),
        printed_by=office,
    )


def expected_units(session: Session, meeting: Meeting) -> list[str]:
    """The codes of the units the notice went to, read from the process as _send_notice read them:
    the members and invited units of a full meeting, the concerned and invited units of a special
    one, the units named to attend an office meeting."""
    data = current_data(session.get(ProcessInstance, meeting.instance_id))
    return list(data.get("attendance_candidates") or data.get("attending_units") or {})


def _main_to(meeting: Meeting, names: dict[str, str], expected: list[str]) -> str:
    """主送 (7.3.2): a full meeting calls every member unit, and names the units invited besides;
    a special or office meeting calls only the units concerned, by name."""
    if meeting.kind != "full":
        return "、".join(expected)
    invited = [names.get(code, code) for code in meeting.invited_units]
    return "，".join(["各成员单位", *invited])


def _when(meeting: Meeting) -> str:
    if meeting.meeting_at is None:
        return "另行通知的时间"
    at = as_aware(meeting.meeting_at)
    return f"{layout.chinese_date(at)}（星期{WEEKDAYS[at.weekday()]}）{at:%H:%M}"


def render(notice: Notice) -> bytes:
    document = layout.new_document()
    layout.head(document, notice.organ, notice.number)
    layout.title(document, notice.title)
    layout.paragraph(document, f"{notice.main_to}：", indent=False)  # 主送机关 (7.3.2): flush left
    layout.paragraph(document, notice.opening)
    _section(document, "一、会议时间", [notice.when])
    _section(document, "二、会议地点", [notice.place or "另行通知"])
    _section(document, "三、会议议题", notice.topics or ["另行通知"])
    _section(document, "四、参会单位", [notice.attending] if notice.attending else [])
    if notice.contact:
        layout.paragraph(document, notice.contact).paragraph_format.space_before = layout.LINE
    layout.paragraph(document, f"附件：{REPLY_SLIP}").paragraph_format.space_before = layout.LINE  # 附件说明 (7.3.4)
    layout.right_aligned(document, notice.signer, lines_before=2)
    layout.right_aligned(document, f"（{notice.seal}代章）")
    layout.right_aligned(document, layout.chinese_date(notice.dated))
    _reply_slip(document, notice.units)
    layout.record_at_foot(document, [], notice.printed_by, layout.chinese_date(notice.dated))
    layout.page_numbers(document)
    return layout.saved(document)


def _sentence(text: str) -> str:
    return f"{text}。" if text else ""


def _reply_slip(document, units: list[str]) -> None:
    """回执, the notice's attachment (8.1): on a page of its own before the 版记, 附件 in 黑体 at
    the top left, its title, and a row for each unit the notice went to, to write who comes."""
    attachment = layout.paragraph(document, "附件", font=layout.HEITI, indent=False)
    attachment.paragraph_format.page_break_before = True
    layout.title(document, REPLY_SLIP)
    table = document.add_table(rows=len(units) + 1, cols=len(REPLY_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, REPLY_WIDTHS, strict=True):
        for cell in column.cells:  # the cells for Word, the grid for LibreOffice
            cell.width = column.width = width
    for cell, heading in zip(table.rows[0].cells, REPLY_COLUMNS, strict=True):
        layout.run(cell.paragraphs[0], heading, layout.HEITI)
    for row, unit in zip(table.rows[1:], units, strict=True):
        layout.run(row.cells[0].paragraphs[0], unit)
    layout.paragraph(document, REPLY_NOTE).paragraph_format.space_before = layout.LINE


def _section(document, heading: str, lines: list[str]) -> None:
    if not lines:
        return
    layout.heading(document, heading, 1)
    for line in lines:
        layout.paragraph(document, line)
