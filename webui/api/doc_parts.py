"""The building blocks of the OpenAPI document (webui.api.openapi): the error responses every
route shares, the CSRF header a browser session sends, a JSON body, a path parameter, and the
schema builders every area's components are written with."""

from __future__ import annotations

from webui.common.input_guard import MAX_JSON_DEPTH

ERRORS = {
    "BadRequest": "malformed request (or, for a browser session, a missing CSRF token); a NUL character or half "
    f"a surrogate pair in any text, or JSON nested more than {MAX_JSON_DEPTH} levels deep, is refused here too",
    "Unauthorized": "not signed in, or the token is unknown or revoked",
    "Forbidden": "the caller may see it but not do this",
    "NotFound": "no such thing, or not the caller's to see",
    "Conflict": "the task is no longer open, or what is asked is done already",
    "Unprocessable": "invalid fields; error.fields says which and why",
}
CSRF = {
    "name": "X-CSRFToken",
    "in": "header",
    "required": False,
    "description": "with a browser session only: the token from GET /api/v1/csrf-token",
    "schema": {"type": "string"},
}


def json_body(schema_name: str, description: str) -> dict:
    schema = {"$ref": f"#/components/schemas/{schema_name}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def errors(*names: str) -> dict:
    status = {
        "BadRequest": "400",
        "Unauthorized": "401",
        "Forbidden": "403",
        "NotFound": "404",
        "Conflict": "409",
        "Unprocessable": "422",
    }
    return {status[name]: {"$ref": f"#/components/responses/{name}"} for name in names}


def path_param(name: str, schema: dict) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def string(fmt: str | None = None, nullable: bool = False, **more) -> dict:
    schema = {"type": ["string", "null"] if nullable else "string", **more}
    if fmt:
        schema["format"] = fmt
    return schema


def json_object(properties: dict, required: list[str] | None = None, **more) -> dict:
    """An object of these properties, all of them required unless `required` names some."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **more,
    }
