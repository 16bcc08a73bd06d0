"""The API's error shape: {"error": {"code": ..., "message": ...}} with the matching status."""

from __future__ import annotations

from flask import jsonify

from engine.core.errors import Conflict, Forbidden, InvalidData, LianxiError, NoLongerOpen, NotFound, ProcessFailure
from webui.common.i18n import field_error_message


def error_response(status: int, code: str, message: str, **extra):
    return jsonify({"error": {"code": code, "message": message, **extra}}), status


STATUS = {
    Conflict: 409,
    NotFound: 404,
    Forbidden: 403,
    NoLongerOpen: 409,
    InvalidData: 422,
    ProcessFailure: 500,
}


def status_of(error: LianxiError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(error, kind)), 500)


def error_json(error: LianxiError, error_id: str | None = None):
    """`error_id`: what a failure was logged under (webui.common.errors), for the caller to quote."""
    extra = {"id": error_id} if error_id else {}
    if isinstance(error, InvalidData):
        extra["fields"] = {
            name: {"code": e.code, "message": field_error_message(e)} for name, e in error.errors.items()
        }
    return error_response(status_of(error), error.code, error.message, **extra)
