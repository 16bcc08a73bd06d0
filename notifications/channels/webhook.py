"""The body's enterprise-chat robot: one markdown message per reminder to its group.

WeCom reads `markdown.content`; DingTalk reads `markdown.title` and `markdown.text`. Both
ignore the keys they do not know, so one payload carries all three and works with either.
Both answer HTTP 200 with `{"errcode": 0}` on success and a non-zero errcode otherwise.
"""

from __future__ import annotations

import json
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from notifications.channels import DeliveryError

TIMEOUT = 10  # seconds


def payload(title: str, markdown: str) -> dict:
    return {"msgtype": "markdown", "markdown": {"title": title, "content": markdown, "text": markdown}}


def send(url: str, title: str, markdown: str) -> None:
    if urlsplit(url).scheme not in ("http", "https"):  # urlopen would read file:// too
        raise DeliveryError("the robot's webhook must be an http(s) URL")
    data = json.dumps(payload(title, markdown), ensure_ascii=False).encode()
    request = Request(url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urlopen(request, timeout=TIMEOUT) as response:
            status, answer = response.status, response.read()
    except HTTPError as exc:
        exc.close()  # the error carries the open response; left open it would leak the socket
        raise DeliveryError(f"robot answered HTTP {exc.code}") from exc
    except (URLError, HTTPException, OSError) as exc:
        raise DeliveryError(f"robot unreachable: {getattr(exc, 'reason', exc)}", down=True) from exc
    if not 200 <= status < 300:
        raise DeliveryError(f"robot answered HTTP {status}")
    _check(answer)


def _check(answer: bytes) -> None:
    try:
        reply = json.loads(answer or b"{}")
    except ValueError:
        return  # a 2xx without JSON: a relay that does not speak the robots' dialect accepted it
    if isinstance(reply, dict) and reply.get("errcode", 0) != 0:
        raise DeliveryError(f"robot refused: errcode {reply.get('errcode')} {reply.get('errmsg', '')}".rstrip())
