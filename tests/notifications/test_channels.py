"""Each channel on its own, against real servers on loopback, and the wording of reminders."""

from __future__ import annotations

from dataclasses import replace

import pytest
from aiosmtpd.smtp import AuthResult

from engine.core.config import Settings, load_settings
from notifications.channels import DeliveryError, email, webhook
from notifications.texts import Facts, word
from tests.notifications.conftest import DUE_AT, Mailbox, SmtpServer, free_port, on

MAIL = email.Mail(
    to="liaison.jyj@qixing.example.cn",
    to_name="区教育局联络员",
    subject="【催办】签收会议纪要 — 截止 2026-11-28 周六",
    body="【催办】请于 2026-11-28（周六）前办理：签收会议纪要\n\nPlease sign for the minutes.",
    key="outbox-42",
    date=on(26, 9, 5),
)
FACTS = Facts(
    kind="before",
    task_id="abc-123",
    title="签收会议纪要",
    title_en="Sign for the minutes",
    instance_title="筹备联席会议全体会议",
    unit="区教育局",
    due_at=DUE_AT,
    planned_at=on(26, 9),
    late=False,
    note="",
    by="system",
    now=on(26, 9, 5),
    base_url="http://127.0.0.1:5000",
)


def settings_for(smtp_url: str, **env: str) -> Settings:
    return load_settings({"LIANXI_SECRET_KEY": "test", "LIANXI_SMTP_URL": smtp_url, **env})


def test_a_mail_is_utf8_mime_with_a_stable_message_id(smtp, mailbox):
    sender = {"LIANXI_SMTP_FROM": "联席办 <office@qixing.example.cn>"}
    email.send(settings_for(smtp.url, LIANXI_BASE_URL="https://lianxi.qixing.example.cn/", **sender), MAIL)
    (mail,) = mailbox.messages
    assert mail["Subject"] == MAIL.subject
    assert mail["From"].addresses[0].addr_spec == "office@qixing.example.cn"
    assert mail["To"].addresses[0].display_name == "区教育局联络员"
    assert mail["Message-ID"] == "<lianxi.outbox-42@lianxi.qixing.example.cn>"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail.get_content_charset() == "utf-8"
    assert mail.get_content().replace("\r\n", "\n") == MAIL.body + "\n"  # CRLF on the wire


def test_the_sender_defaults_to_lianxi_at_localhost(smtp, mailbox):
    email.send(settings_for(smtp.url), MAIL)
    (mail,) = mailbox.messages
    assert mail["From"] == "lianxi@localhost"
    assert mail["Message-ID"] == "<lianxi.outbox-42@127.0.0.1>"


def test_the_url_gives_user_and_password_to_the_server():
    logins = []

    def authenticator(server, session, envelope, mechanism, data):  # noqa: ANN001
        logins.append((data.login.decode(), data.password.decode()))
        ok = data.password == b"p@ss:w/rd"
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    mailbox = Mailbox()
    server = SmtpServer(mailbox, authenticator=authenticator, auth_require_tls=False).start()
    try:
        email.send(settings_for(server.url.replace("//", "//lianxi:p%40ss%3Aw%2Frd@")), MAIL)
        with pytest.raises(DeliveryError) as refused:
            email.send(settings_for(server.url.replace("//", "//lianxi:wrong@")), MAIL)
    finally:
        server.stop()
    assert logins[0] == ("lianxi", "p@ss:w/rd")  # percent-decoded from the URL
    assert set(logins[1:]) == {("lianxi", "wrong")}  # smtplib tries each mechanism offered
    assert len(mailbox.messages) == 1
    assert refused.value.down  # a refused login stops all mail, not just this one


def test_starttls_asked_of_a_server_without_it_sends_nothing_in_clear(smtp, mailbox):
    with pytest.raises(DeliveryError) as failed:
        email.send(settings_for(smtp.url + "?starttls=1"), MAIL)
    assert failed.value.down and "STARTTLS" in str(failed.value)
    assert mailbox.messages == []


def test_nothing_listening_is_an_outage():
    with pytest.raises(DeliveryError) as failed:
        email.send(settings_for(f"smtp://127.0.0.1:{free_port()}"), MAIL)
    assert failed.value.down


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://u:p@mail.example.cn:587?starttls=1", email.Server("mail.example.cn", 587, "u", "p", True, False)),
        ("smtps://mail.example.cn", email.Server("mail.example.cn", 465, None, None, False, True)),
        ("smtp://mail.example.cn?ssl=1", email.Server("mail.example.cn", 465, None, None, False, True)),
        ("smtp://relay", email.Server("relay", 25, None, None, False, False)),
    ],
)
def test_the_smtp_url(url, expected):
    assert email.parse(url) == expected


def test_a_url_that_is_not_smtp_is_an_outage_until_fixed():
    with pytest.raises(DeliveryError) as failed:
        email.send(settings_for("http://mail.example.cn"), MAIL)
    assert failed.value.down and "LIANXI_SMTP_URL" in str(failed.value)


def test_the_robot_gets_a_markdown_message_both_wecom_and_dingtalk_read(robot):
    webhook.send(robot.url, "【催办】签收会议纪要", "**【催办】请于 2026-11-28（周六）前办理**")
    (post,) = robot.posts
    assert post == {
        "msgtype": "markdown",
        "markdown": {
            "title": "【催办】签收会议纪要",
            "content": "**【催办】请于 2026-11-28（周六）前办理**",
            "text": "**【催办】请于 2026-11-28（周六）前办理**",
        },
    }


@pytest.mark.parametrize(
    ("reply", "words"),
    [((200, {"errcode": 93000, "errmsg": "invalid webhook url"}), "93000"), ((500, {}), "HTTP 500")],
)
def test_a_robot_that_refuses_is_a_failed_delivery(robot, reply, words):
    robot.reply = reply
    with pytest.raises(DeliveryError, match=words):
        webhook.send(robot.url, "t", "m")


def test_a_robot_nobody_answers_for_is_an_outage():
    with pytest.raises(DeliveryError) as failed:
        webhook.send(f"http://127.0.0.1:{free_port()}/send", "t", "m")
    assert failed.value.down


def test_only_http_webhooks_are_called():
    with pytest.raises(DeliveryError, match="http"):
        webhook.send("file:///etc/passwd", "t", "m")


def test_the_before_reminder_reads_as_the_office_writes_it():
    wording = word(FACTS)
    assert wording.headline == "【催办】请于 2026-11-28（周六）前办理：签收会议纪要（筹备联席会议全体会议）"
    assert wording.subject == "【催办】签收会议纪要 — 截止 2026-11-28 周六"
    assert "办理期限：2026-11-28（周六）13:00" in wording.body
    assert "当前状态：尚未逾期" in wording.body
    assert (
        "Reminder: please complete “Sign for the minutes” (筹备联席会议全体会议), due Sat 2026-11-28." in wording.body
    )
    assert "http://127.0.0.1:5000/tasks/abc-123" in wording.body
    assert "[打开待办 / Open the task](http://127.0.0.1:5000/tasks/abc-123)" in wording.markdown


def test_each_kind_says_what_it_is():
    due = word(replace(FACTS, kind="due", now=on(27, 9)))
    overdue = word(replace(FACTS, kind="overdue", now=on(30, 9)))
    escalation = word(replace(FACTS, kind="escalation", now=on(30, 9)))
    manual = word(replace(FACTS, kind="manual", by="办公室工作人员", note="请今天下班前完成", now=on(26, 15)))
    assert due.headline == "【催办】即将到期，请于 2026-11-28（周六）13:00 前办理：签收会议纪要（筹备联席会议全体会议）"
    assert overdue.headline.startswith("【催办】已逾期 2 天，请尽快办理：签收会议纪要")
    assert overdue.subject == "【催办】签收会议纪要 — 截止 2026-11-28 周六，已逾期 2 天"
    assert escalation.headline.startswith("【督办】区教育局已逾期 2 天未办理：签收会议纪要")
    assert "Escalation: 区教育局 is 2 day(s) overdue" in escalation.body
    assert escalation.subject.startswith("【督办】区教育局 签收会议纪要")
    assert manual.headline.startswith("【催办】办公室工作人员提醒：请于 2026-11-28（周六）前办理")
    assert "附言：请今天下班前完成" in manual.body


def test_a_late_reminder_says_so():
    wording = word(replace(FACTS, late=True, now=on(30, 9, 5)))
    assert "本提醒原定 2026-11-26（周四）09:00 发出，因系统暂停而延后送达" in wording.body
    assert "late because the system was down" in wording.body
