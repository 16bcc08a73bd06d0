"""http_call: GET or POST JSON to a service whose origin LIANXI_SERVICE_HOSTS allows; the JSON it
answers is the step's result.

The call runs inside the step's transaction, which holds the instance's lock (and on SQLite the
database's write lock) while it waits: so it is bounded to TIMEOUT_SECONDS in all and its answer
to MAX_BYTES, redirects are not followed (they could lead off the allowed hosts), and anything
else than a 2xx with JSON or nothing fails the step, which the administrator retries.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from http.client import HTTPException
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from engine.core.config import SERVICE_HOSTS, service_hosts
from engine.workflow.services.base import Context, Operator, Param, ServiceFailure

TIMEOUT_SECONDS = 5.0
MAX_BYTES = 1024 * 1024
METHODS = ("GET", "POST")
_JSON = (dict, list, str, int, float, bool, type(None))


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        return None  # urllib then raises the 3xx as an HTTPError


_OPENER = build_opener(_NoRedirect)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url!r} is not an http(s) URL"
    hosts = service_hosts()
    if origin(url) not in hosts:
        return f"{origin(url)} is not among the hosts {SERVICE_HOSTS} allows ({', '.join(sorted(hosts)) or 'none'})"
    return None


def _method(value: str) -> str | None:
    return None if value in METHODS else f"{value!r} is not one of {', '.join(METHODS)}"


def call(context: Context, params: dict, now: datetime) -> object:
    url, body = params["url"], params.get("body")
    method = params.get("method") or ("POST" if body is not None else "GET")
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
    headers = {"Accept": "application/json", **({"Content-Type": "application/json"} if data else {})}
    answer = _fetch(Request(url, data=data, method=method, headers=headers), f"{method} {url}")
    if not answer.strip():
        return None
    try:
        return json.loads(answer)
    except ValueError:
        raise ServiceFailure(f"{method} {url} did not answer JSON") from None


def _fetch(request: Request, what: str) -> bytes:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            return _read(response, deadline, what)
    except HTTPError as exc:
        exc.close()  # it holds the open response; left open the socket would leak
        redirect = " (redirects are not followed)" if 300 <= exc.code < 400 else ""
        raise ServiceFailure(f"{what} answered {exc.code} {exc.reason}{redirect}") from None
    except (URLError, HTTPException, OSError) as exc:  # TimeoutError is an OSError
        raise ServiceFailure(f"{what} failed: {getattr(exc, 'reason', None) or exc}") from None


def _read(response, deadline: float, what: str) -> bytes:  # noqa: ANN001 - an http.client response
    """The answer, within the call's time in all, not per read: a server that trickles cannot
    hold the step's transaction longer."""
    answer = b""
    while chunk := response.read1(64 * 1024):
        answer += chunk
        if len(answer) > MAX_BYTES:
            raise ServiceFailure(f"{what} answered more than {MAX_BYTES} bytes")
        if time.monotonic() > deadline:
            raise ServiceFailure(f"{what} took longer than {TIMEOUT_SECONDS:g} s")
    return answer


OPERATOR = Operator(
    "http_call",
    {
        "url": Param(str, check=allowed),
        "method": Param(str, required=False, check=_method),
        "body": Param(_JSON, required=False),
    },
    call,
)
