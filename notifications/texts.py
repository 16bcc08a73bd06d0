"""What a reminder says: the line the office would send, in Chinese, with the English below.
The notification centre gets only a short Chinese notice (`notice`): the page around it is
already in the reader's language, links its task, and is not an e-mail.

Pure functions of `Facts`, which notifications.jobs gathers from the 催办 record and its task,
so every channel words the same reminder the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from engine.core.clock import SHANGHAI
from engine.reminders.models import URGENT

WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FOOTER = "此邮件由联席会议系统自动发送，请勿直接回复。\nSent automatically by lianxi; please do not reply."


@dataclass(frozen=True)
class Facts:
    kind: str  # before | due | overdue | escalation | manual | urgent
    task_id: str
    title: str
    title_en: str
    instance_title: str
    unit: str | None  # the owing unit's name
    due_at: datetime | None
    planned_at: datetime
    late: bool
    note: str
    by: str | None  # who nagged, for a manual reminder
    now: datetime
    base_url: str  # where the link to the task points

    @property
    def path(self) -> str:
        """The task's page within lianxi, as the notification centre links it."""
        return f"/tasks/{self.task_id}"

    @property
    def link(self) -> str:
        return f"{self.base_url}{self.path}"

    @property
    def days_overdue(self) -> int:
        """Calendar days past the deadline; at least 1 once it has passed."""
        if self.due_at is None or self.now <= self.due_at:
            return 0
        return max((_local(self.now).date() - _local(self.due_at).date()).days, 1)


@dataclass(frozen=True)
class Wording:
    subject: str
    headline: str
    body: str
    markdown: str


def word(f: Facts) -> Wording:
    headline, english = _headline(f), _headline_en(f)
    body = "\n\n".join([headline, _details(f, f.link), english, _details_en(f), FOOTER])
    # The robot speaks to the whole group, so it says which unit owes.
    unit = f"> 办理单位 / Unit：{f.unit}\n" if f.unit else ""
    markdown = f"**{headline}**\n\n{unit}> {english}\n\n[打开待办 / Open the task]({f.link})"
    return Wording(_subject(f), headline, body, markdown)


def notice(f: Facts) -> tuple[str, str]:
    """The notification centre's title and text, without the wording of mail and robot it does
    not show (a pass words in-app notices by the thousand)."""
    return _subject(f), "\n".join([_headline(f), _details(f, f.path)])


def _subject(f: Facts) -> str:
    tag = {"escalation": "【督办】", URGENT: "【紧急】"}.get(f.kind, "【催办】")
    who = f"{f.unit} " if f.kind == "escalation" and f.unit else ""
    subject = f"{tag}{who}{f.title} — " + (f"截止 {_day(f.due_at, ' ')}" if f.due_at else "请尽快办理")
    if f.days_overdue:
        subject += f"，已逾期 {f.days_overdue} 天"
    return subject


def digest(items: list[Facts], now: datetime) -> Wording:
    """One mail listing a person's reminders of the day."""
    subject = f"【催办汇总】{_day(now)} 您有 {len(items)} 项待办提醒"
    lines = [f"{i}. {_headline(f)}\n   {f.link}" for i, f in enumerate(items, 1)]
    lines_en = [f"{i}. {_headline_en(f)}\n   {f.link}" for i, f in enumerate(items, 1)]
    body = "\n\n".join(
        ["您好，以下事项请及时办理：", *lines, f"Reminders for you on {_day_en(now)}:", *lines_en, FOOTER]
    )
    markdown = "\n".join(f"- [{_headline(f)}]({f.link})" for f in items)
    return Wording(subject, subject, body, markdown)


def _headline(f: Facts) -> str:
    what = f"{f.title}（{f.instance_title}）" if f.instance_title else f.title
    by_date = f"请于 {_day(f.due_at)}前办理" if f.due_at else "请尽快办理"
    late = f"已逾期 {f.days_overdue} 天" if f.days_overdue else ""
    if f.kind == "escalation":
        return f"【督办】{f.unit or '办理人'}{late}未办理：{what}，办理期限 {_day(f.due_at)}"
    if f.kind == "due":
        return f"【催办】即将到期，请于 {_day(f.due_at)}{_time(f.due_at)} 前办理：{what}"
    if f.kind == "manual":
        return f"【催办】{f.by}提醒：{late + '，请尽快办理' if late else by_date}：{what}"
    if f.kind == URGENT:
        return f"【紧急】请立即办理：{what}"
    if late:
        return f"【催办】{late}，请尽快办理：{what}（办理期限 {_day(f.due_at)}）"
    return f"【催办】{by_date}：{what}"


def _headline_en(f: Facts) -> str:
    what = f"“{f.title_en}” ({f.instance_title})" if f.instance_title else f"“{f.title_en}”"
    due = f"due {_day_en(f.due_at)}" if f.due_at else "no deadline"
    late = f"{f.days_overdue} day(s) overdue" if f.days_overdue else ""
    if f.kind == "escalation":
        return f"Escalation: {f.unit or 'the assignee'} is {late} on {what}, {due}."
    if f.kind == "manual":
        return f"Reminder from {f.by}: please complete {what}, {late or due}."
    if f.kind == URGENT:
        return f"Urgent: please see to {what} at once."
    if late:
        return f"Overdue: {what} is {late} ({due}); please complete it as soon as possible."
    return f"Reminder: please complete {what}, {due}."


def _details(f: Facts, link: str) -> str:
    rows = [
        ("办理事项", f.title),
        ("所属事项", f.instance_title),
        ("办理单位", f.unit),
        ("办理期限", f"{_day(f.due_at)}{_time(f.due_at)}" if f.due_at else "尽快"),
        ("当前状态", f"已逾期 {f.days_overdue} 天" if f.days_overdue else "尚未逾期"),
        ("附言", f.note),
        ("办理链接", link),
    ]
    lines = [f"{name}：{value}" for name, value in rows if value]
    if f.late:
        lines.append(f"（本提醒原定 {_day(f.planned_at)}{_time(f.planned_at)} 发出，因系统暂停而延后送达。）")
    return "\n".join(lines)


def _details_en(f: Facts) -> str:
    rows = [
        ("Task", f.title_en),
        ("For", f.instance_title),
        ("Unit", f.unit),
        ("Due", f"{_day_en(f.due_at)} {_time(f.due_at)}" if f.due_at else "as soon as possible"),
        ("Note", f.note),
        ("Open", f.link),
    ]
    lines = [f"{name}: {value}" for name, value in rows if value]
    if f.late:
        lines.append(f"(Planned for {_day_en(f.planned_at)} {_time(f.planned_at)}; late because the system was down.)")
    return "\n".join(lines)


def _local(at: datetime) -> datetime:
    return at.astimezone(SHANGHAI)


def _day(at: datetime, sep: str = "（") -> str:
    """2026-11-26（周四）, or with sep=" ": 2026-11-26 周四."""
    day = _local(at)
    weekday = f"周{WEEKDAYS_ZH[day.weekday()]}"
    return f"{day:%Y-%m-%d} {weekday}" if sep == " " else f"{day:%Y-%m-%d}（{weekday}）"


def _day_en(at: datetime) -> str:
    day = _local(at)
    return f"{WEEKDAYS_EN[day.weekday()]} {day:%Y-%m-%d}"


def _time(at: datetime) -> str:
    return f"{_local(at):%H:%M}"
