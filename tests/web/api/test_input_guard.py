"""What no route checks for itself (webui.common.input_guard), on SQLite and on PostgreSQL, which
refuses more: an id beyond the database's integer is not found (404) and a year or page number
beyond it is ignored; a NUL character or half a surrogate pair anywhere, or JSON nested beyond
reason, is a bad request (400, page or JSON). Never a 500."""

from __future__ import annotations

import io
import json

import pytest
from werkzeug.routing import IntegerConverter

from tests.web.conftest import page_token
from tests.web.test_route_access import PLAIN_VALUES, fingerprint

HUGE = (2**31, 2**63, 10**30)
NUL = "\x00"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, db_url) -> str:
    """The app of these tests on each database: the conftest's SQLite copy, or a PostgreSQL clone."""
    return request.getfixturevalue("pg_demo_url") if request.param == "postgresql" else db_url


def id_routes(app):
    """(rule, method) for every route with an integer in its URL."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if any(isinstance(c, IntegerConverter) for c in rule._converters.values()):
            yield from ((rule, method) for method in sorted(rule.methods - {"HEAD", "OPTIONS"}))


def url_with(rule, number: int) -> str:
    """The rule's URL with `number` for every integer in it (built by hand: the converter would refuse it)."""
    values = {**PLAIN_VALUES, "code": "wjj", "task_id": "x", "username": "liaison.wjj"}
    parts = []
    for is_argument, text in rule._trace:
        if not is_argument:
            parts.append(text)
        elif isinstance(rule._converters[text], IntegerConverter):
            parts.append(str(number))
        else:
            parts.append(str(values[text]))
    return "".join(parts).split("|", 1)[1]


def test_an_id_beyond_the_database_integer_is_not_found_on_every_route(app, signed_in):
    office = signed_in("office.director")
    token = page_token(office.get("/").text)
    wrong = {}
    for rule, method in id_routes(app):
        for number in HUGE:
            url = url_with(rule, number)
            if method == "GET":
                response = office.get(url)
            elif url.startswith("/api/"):
                response = office.post(url, json={"task_name": "x"}, headers={"X-CSRFToken": token})
            else:
                response = office.post(url, data={"csrf_token": token, "text": "x"})
            # Werkzeug weighs a rule's methods before its converter: where GET and POST are separate
            # rules of one path, a POST beyond the range meets the GET rule first and is told 405.
            if response.status_code not in (404, 405):
                wrong[f"{method} {url}"] = response.status_code
    assert len(list(id_routes(app))) > 30
    assert wrong == {}


def test_an_id_beyond_the_database_integer_is_not_found_in_the_api(api):
    for number in HUGE:
        assert api("office.director").get(f"/api/v1/instances/{number}").json["error"]["code"] == "not_found"


def test_an_id_in_range_but_absent_is_still_not_found(signed_in):
    assert signed_in("office.director").get(f"/instances/{2**31 - 1}").status_code == 404


@pytest.mark.parametrize("page", ["/archive", "/supervision", "/supervision/timeliness", "/instances", "/meetings"])
def test_a_year_or_a_page_number_beyond_any_integer_is_ignored(signed_in, page):
    office = signed_in("office.staff")
    for number in HUGE:
        assert office.get(page, query_string={"year": number, "page": number}).status_code == 200, (page, number)


def log_in(client, username: str):
    return client.post(
        "/login",
        data={"username": username, "password": "x", "csrf_token": page_token(client.get("/login").text)},
    )


def test_the_log_in_form_refuses_a_nul_with_a_page(app):
    response = log_in(app.test_client(), f"office{NUL}.director")
    assert response.status_code == 400
    assert "无法识别的字符" in response.text and "Bad Request" not in response.text


def test_a_nul_in_a_form_a_query_or_a_path_is_refused_and_nothing_is_kept(app, signed_in, held):
    db, office = app.extensions["lianxi"].db, signed_in("office.staff")
    token = page_token(office.get("/").text)
    before = fingerprint(db)
    refused = [
        office.post(f"/instances/{held}/nag", data={"task_name": "receive_minutes", "note": NUL, "csrf_token": token}),
        office.post("/instances/new", data={"process_id": "full_meeting", "title": f"会议{NUL}", "csrf_token": token}),
        office.get("/search", query_string={"q": f"会议{NUL}"}),
        office.get(f"/search?q{NUL}=x"),
        office.get("/tasks/a%00b"),
        office.get("/roster/units/wj%00j"),
    ]
    assert [r.status_code for r in refused] == [400] * len(refused)
    assert fingerprint(db) == before


def test_a_nul_in_the_apis_json_or_a_file_name_is_refused_as_json(api, held, find_task):
    office, wjj = api("office.staff"), api("liaison.wjj")
    task = find_task("liaison.wjj", "file_implementation_plan", unit="wjj")
    refused = [
        office.post("/api/v1/instances", json={"process_id": "full_meeting", "data": {"title": f"会议{NUL}"}}),
        office.post(f"/api/v1/instances/{held}/nag", json={"task_name": "receive_minutes", "note": NUL}),
        office.post(f"/api/v1/instances/{held}/nag", json={"task_name": "receive_minutes", NUL: "x"}),
        office.get(f"/api/v1/units/wjj{NUL}/seats"),
        wjj.post(
            f"/api/v1/tasks/{task['id']}/complete",
            data={"data": json.dumps({"summary": "方案"}), "plan_file": (io.BytesIO(b"%PDF-1.4\n"), f"方案{NUL}.pdf")},
            content_type="multipart/form-data",
        ),
    ]
    assert [(r.status_code, r.json["error"]["code"]) for r in refused] == [(400, "bad_request")] * len(refused)


def test_a_multipart_part_without_a_name_is_a_bad_request(api):
    """Werkzeug names such a part None: the guard passes it by, and the route refuses the stray part."""
    body = b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n"
    response = api("office.staff").post(
        "/api/v1/supervision/items/1/attachments", data=body, content_type="multipart/form-data; boundary=b"
    )
    assert (response.status_code, response.json["error"]["code"]) == (400, "bad_request")


def test_half_a_surrogate_pair_in_json_is_refused(app, api, held):
    office = api("office.staff")
    for body in ('{"task_name": "receive_minutes", "note": "\\ud800"}', '{"task_name": "receive_\\udfff"}'):
        response = office.post(f"/api/v1/instances/{held}/nag", data=body, content_type="application/json")
        assert (response.status_code, response.json["error"]["code"]) == (400, "bad_request"), body


def test_json_nested_too_deeply_is_a_bad_request(api):
    office = api("office.staff")
    for depth in (33, 50_000):
        body = "[" * depth + "]" * depth
        response = office.post("/api/v1/instances", data=body, content_type="application/json")
        assert (response.status_code, response.json["error"]["code"]) == (400, "bad_request"), depth


def test_json_nested_too_deeply_in_the_part_data_is_a_bad_request(api, find_task):
    task = find_task("liaison.wjj", "file_implementation_plan", unit="wjj")
    deep = '{"summary": ' + "[" * 50_000 + "]" * 50_000 + "}"
    response = api("liaison.wjj").post(
        f"/api/v1/tasks/{task['id']}/complete", data={"data": deep}, content_type="multipart/form-data"
    )
    assert (response.status_code, response.json["error"]["code"]) == (400, "bad_request")
