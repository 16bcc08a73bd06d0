"""GET /api/v1/openapi.json: public, structurally sound, and covering every route."""

from __future__ import annotations

import re

import pytest

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")  # no credentials: the document is public
    assert response.status_code == 200
    assert response.is_json
    return response.json


def _api_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")]


def _templated(rule: str) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def test_every_route_is_documented(app, document):
    rules = _api_rules(app)
    assert len(rules) >= 7
    for rule in rules:
        path = _templated(rule.rule)
        assert path in document["paths"], path
        methods = {m.lower() for m in rule.methods} - {"head", "options"}
        assert methods <= set(document["paths"][path]), path


def test_nothing_documented_that_is_not_routed(app, document):
    assert set(document["paths"]) == {_templated(r.rule) for r in _api_rules(app)}


def test_top_level_structure(document):
    assert document["openapi"].startswith("3.1.")
    assert document["info"]["title"] and document["info"]["version"]
    components = document["components"]
    assert {"Task", "TaskDetail", "Instance", "InstanceDetail", "Error"} <= set(components["schemas"])
    schemes = components["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert schemes["cookieSession"]["in"] == "cookie"
    for requirement in document["security"]:
        assert set(requirement) <= set(schemes)


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert method in HTTP_METHODS, (path, method)
            yield path, method, operation


def test_operations_are_well_formed(document):
    ids = [operation["operationId"] for _, _, operation in _operations(document)]
    assert len(ids) == len(set(ids))
    for path, method, operation in _operations(document):
        assert operation["responses"], (path, method)
        for status in operation["responses"]:
            assert re.fullmatch(r"[1-5]\d\d", status), (path, method, status)
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{([^}]+)}", path)), (path, method)
        for parameter in operation.get("parameters", []):
            assert parameter["in"] != "path" or parameter["required"] is True


def _refs(node):
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_reference_resolves(document):
    refs = set(_refs(document))
    assert refs
    for ref in refs:
        node = document
        assert ref.startswith("#/"), ref
        for part in ref[2:].split("/"):
            assert part in node, ref
            node = node[part]


def test_errors_are_documented_with_the_error_shape(document):
    for name, response in document["components"]["responses"].items():
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Error"}, name
    complete = document["paths"]["/api/v1/tasks/{task_id}/complete"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "422"} <= set(complete)


def test_the_document_itself_needs_no_credentials(document):
    assert document["paths"]["/api/v1/openapi.json"]["get"]["security"] == []


def _properties(document, name: str) -> set[str]:
    """The properties a schema promises, following allOf."""
    schema = document["components"]["schemas"][name]
    parts = schema.get("allOf", [schema])
    names = set()
    for part in parts:
        if "$ref" in part:
            names |= _properties(document, part["$ref"].rsplit("/", 1)[1])
        else:
            names |= set(part["properties"])
    return names


def test_responses_have_the_documented_shape(document, api, find_task):
    """The shapes webui.common.shapes builds match the schemas, so the document tells no lies."""
    task = find_task("office.director", "decide_meeting")
    director = api("office.director")
    assert set(task) == _properties(document, "Task")
    detail = director.get(f"/api/v1/tasks/{task['id']}").json
    assert set(detail) == _properties(document, "TaskDetail")
    instance = director.get(f"/api/v1/instances/{task['instance_id']}").json
    assert set(instance) == _properties(document, "InstanceDetail")
    assert set(instance["history"][0]) == _properties(document, "HistoryEvent")
    started = api("office.staff").post("/api/v1/instances", json={"process_id": "office_meeting"})
    assert set(started.json) == _properties(document, "InstanceWithTasks")
