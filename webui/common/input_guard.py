"""What no route should have to check for itself: an id larger than the database stores, a text
no database stores (a NUL character, which PostgreSQL refuses; half a surrogate pair, which JSON's
"\\ud800" gives and UTF-8 cannot encode), and JSON nested deeper than any of our shapes.

Each is refused before the route runs: an id out of range matches no route (404, as an id that
does not exist), the others are a request no form could have sent (400, page or JSON).
"""

from __future__ import annotations

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL's integer column; SQLite's is wider
MAX_JSON_DEPTH = 32  # the API's bodies nest three deep; Python's parser gives up near a thousand
NUL = "\x00"


class Refused(BadRequest):
    """A request no page of ours sends: the 400 page says so rather than blaming an expired page."""

    page = (_l("请求无效"), _l("提交的内容含有无法识别的字符或格式，未被保存。请检查后重新填写。"))


class IdConverter(IntegerConverter):
    """Flask's `int`, bounded by the database's integer unless a rule sets its own maximum: a
    larger id matches no route."""

    def __init__(self, map, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        super().__init__(map, *args, **kwargs)
        self.max = MAX_ID if self.max is None else self.max


def _texts() -> list[str]:
    """Every text the request carries besides its JSON: the path, the query, the form, file names."""
    pairs = [*request.args.items(multi=True), *request.form.items(multi=True)]
    names = [part.filename or "" for _name, part in request.files.items(multi=True)]
    texts = [request.path, *(text for pair in pairs for text in pair), *request.files.keys(), *names]
    return [text for text in texts if text is not None]  # a part whose name Werkzeug cannot read: None


def json_strings(value: object) -> list[str]:
    """The strings (keys too) of parsed JSON; Refused when it nests deeper than MAX_JSON_DEPTH.
    Walked with a stack of its own: recursion is what a deep body would exhaust."""
    strings, pending = [], [(value, 0)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise Refused(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            strings += value.keys()
            pending += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            pending += [(v, depth + 1) for v in value]
    return strings


def _parsed_json() -> object:
    """The body as the routes will read it (Flask keeps it), None if it is not JSON."""
    if not request.is_json:
        return None
    try:
        return request.get_json(silent=True)
    except RecursionError:  # the parser's own limit, far above MAX_JSON_DEPTH
        raise Refused("JSON nested too deeply") from None


def refuse_unstorable(texts: list[str]) -> None:
    for text in texts:
        if NUL in text:
            raise Refused("a NUL character (\\u0000) is not accepted in any text")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise Refused("half of a surrogate pair is not text") from None


def _check() -> None:
    refuse_unstorable([*_texts(), *json_strings(_parsed_json())])


def init_app(app: Flask) -> None:
    """Before the blueprints: their rules take the converter as they are added."""
    app.url_map.converters["int"] = IdConverter
    app.before_request(_check)
