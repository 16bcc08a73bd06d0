"""Real servers on loopback for the delivery tests: an SMTP server (aiosmtpd) and an HTTP
server standing in for a chat robot, plus the demo office with reminders to deliver."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import os
import socket
import threading
import time
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.demo import walkthrough
from engine.org.models import Person
from tests.conftest import DEMO_NOW

# A meeting held two days after DEMO_NOW: its minutes go out on Wed 2026-11-25 13:00 and are
# due three days later, Sat 2026-11-28 13:00. The "before" reminder falls on Thu 11-26 09:00,
# the "due" one on Fri 11-27 09:00 (the Saturday is closed), overdue ones from Mon 11-30.
UNITS = ["jyj", "mzj"]
BEFORE_AT = datetime(2026, 11, 26, 9, 0, tzinfo=SHANGHAI)
DUE_AT = datetime(2026, 11, 28, 13, 0, tzinfo=SHANGHAI)
WAIT = 20  # seconds any in-process wait may take


# Ports for servers that must know theirs before they listen (an SMTP server stopped and started
# on the same port; a port where nothing listens). Below the kernel's ephemeral range, where no
# connection made meanwhile by another test can take one, and a slice per xdist worker, starting
# at an offset of the process id's so that two test runs at once rarely meet.
PORTS_FROM, PORTS_PER_WORKER = 20000, 1000
_next_port = itertools.count((os.getpid() * 37) % PORTS_PER_WORKER)


def free_port() -> int:
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    first = PORTS_FROM + (worker % 12) * PORTS_PER_WORKER
    for _ in range(PORTS_PER_WORKER):
        port = first + next(_next_port) % PORTS_PER_WORKER
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue  # in use, or closing: the next one
            return port
    raise AssertionError(f"no free port in {first}-{first + PORTS_PER_WORKER - 1}")


def wait_for(condition, seconds: float = WAIT, what: str = "condition") -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


class Mailbox:
    """An aiosmtpd handler that keeps what it accepted. With `hold_after=N` it accepts N mails,
    then holds the next one inside DATA until `release` is set, and refuses it: a delivery
    interrupted before the server accepted it."""

    def __init__(self, hold_after: int | None = None):
        self.messages: list[EmailMessage] = []
        self.hold_after = hold_after
        self.holding, self.release = threading.Event(), threading.Event()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001
        if self.hold_after is not None and len(self.messages) == self.hold_after and not self.release.is_set():
            self.holding.set()
            deadline = time.monotonic() + 90
            while not self.release.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            return "451 4.3.0 interrupted, not accepted"
        with self._lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def ids(self) -> list[str]:
        with self._lock:
            return [m["Message-ID"] for m in self.messages]

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if m["To"].addresses[0].addr_spec == address]


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that can be stopped and started on the same port."""

    def __init__(self, mailbox: Mailbox, port: int | None = None, **kwargs):
        self.mailbox, self.port, self.kwargs = mailbox, port or free_port(), kwargs
        self.url = f"smtp://127.0.0.1:{self.port}"
        self._controller: Controller | None = None

    def start(self) -> SmtpServer:
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port, **self.kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def mailbox() -> Mailbox:
    return Mailbox()


@pytest.fixture
def smtp(mailbox):
    server = SmtpServer(mailbox).start()
    yield server
    server.stop()


@pytest.fixture
def mail_settings(settings, smtp):
    return dataclasses.replace(settings, smtp_url=smtp.url)


class Robot:
    """A chat robot's webhook: records each JSON body, answers as WeCom / DingTalk do."""

    def __init__(self):
        self.posts: list[dict] = []
        self.reply: tuple[int, dict] = (200, {"errcode": 0, "errmsg": "ok"})
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                robot.posts.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                status, body = robot.reply
                answer = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args) -> None:  # noqa: ANN002 - keep the test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/cgi-bin/webhook/send?key=test"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=WAIT)


@pytest.fixture
def robot():
    found = Robot()
    found.thread.start()
    yield found
    found.close()


def give_everyone_email(db) -> None:  # noqa: ANN001
    """The demo's people have no addresses; the office's real ones would be like these."""
    with db.write_session() as session:
        for person in session.scalars(select(Person)):
            person.email = f"{person.username}@qixing.example.cn"
        session.commit()


def email_of(username: str) -> str:
    return f"{username}@qixing.example.cn"


@pytest.fixture
def meeting(db) -> int:
    """A meeting whose minutes are out with UNITS, everyone with an address; its instance id."""
    give_everyone_email(db)
    return walkthrough.at_receipts(db, DEMO_NOW, UNITS, title="研究部署年度重点工作")


def on(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant in November 2026, Asia/Shanghai."""
    return datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def later(at: datetime, **delta: float) -> datetime:
    return at + timedelta(**delta)
