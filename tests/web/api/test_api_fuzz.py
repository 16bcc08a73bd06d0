"""The API against its own OpenAPI document (webui.api.openapi), fuzzed by Schemathesis in process
over WSGI: no request it builds, valid or not, may answer 5xx or break the document's promises
(status codes, content types, response schemas), and no valid one may be refused. Bounded and
derandomized, so a run is short and the same every time; signed in as the office's staff by token.

The schema is read from the document itself rather than through a fixture: Schemathesis' fixture
loader (schemathesis.pytest.from_fixture) sets a private node id pytest 9.2 no longer has. Its path
parameters are narrowed to the demo's instances and some units, so that cases reach real records
rather than only ever being told 404."""

from __future__ import annotations

import copy

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig

from webui.api.openapi import document


class CurrentApp:
    """The WSGI app the cases go to: each test's own, over its own copy of the demo."""

    app = None

    def __call__(self, environ, start_response):  # noqa: ANN001
        return self.app(environ, start_response)


def on_the_demo(raw: dict) -> dict:
    """The document with its path parameters' values drawn from the demo's records (and one unknown)."""
    narrowed = copy.deepcopy(raw)
    values = {
        "instance_id": {"type": "integer", "minimum": 1, "maximum": 15},
        "code": {"type": "string", "enum": ["wjj", "zgh", "gov", "gl.wjw", "nobody"]},
    }
    for operations in narrowed["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                parameter["schema"] = values.get(parameter["name"], parameter["schema"])
    return narrowed


CONFIG = {
    # The document says a NUL is refused in any text (400): not valid data to be accepted.
    "generation": {"allow-x00": False},
    # A membership change's day is checked against the seat's history, a message's payload keys
    # against the names scripts may use and those lianxi keeps, and a supervised item's lead and
    # cooperating units against the body's roster, beyond what a schema says.
    "operations": [
        {
            "include-operation-id": operation,
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2XX", 401, 403, 404, 409, 422]}},
        }
        for operation in ("changeSeat", "sendMessage", "sendSignal", "startSupervisedItem")
    ],
}
CURRENT = CurrentApp()
schema = schemathesis.openapi.from_dict(on_the_demo(document()), config=SchemathesisConfig.from_dict(CONFIG))
schema.app = CURRENT


@pytest.fixture(autouse=True)
def cases_to_this_app(app):
    CURRENT.app = app
    yield
    CURRENT.app = None


@pytest.fixture
def office_token(token_for) -> str:
    return token_for("office.staff")


@schema.parametrize()
@settings(
    max_examples=25,  # cases for each operation of the document
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_documents_promises(case, office_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {office_token}"})
