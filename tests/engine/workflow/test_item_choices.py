"""An `items` field: a choice among the items a variable of the task's data lists, answered by
their numbers (from 1). The mediation of co-signed minutes names the disputed decided items so."""

from __future__ import annotations

from datetime import datetime

import pytest

from engine.core.clock import SHANGHAI
from engine.workflow.forms import Choices, FormProblem, items_offered, load_form, validate

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
# The decided items as the office writes them: 事项｜牵头单位代码｜配合单位代码｜完成时限.
LINES = "起草年度工作要点｜wjj｜rsj，zgh｜2026-12-31\n\n开展专项检查｜yjj｜｜2027-01-31\n编印宣传手册|xcb||2027-02-28"
DISPUTED = {
    "name": "disputed",
    "type": "items",
    "from": "decided_items",
    "multiple": True,
    "required_when": {"outcome": ["to_government"]},
}
FORM = {"fields": [{"name": "outcome", "type": "text"}, DISPUTED]}
WITH_ITEMS = Choices(units={}, people={}, data={"decided_items": LINES})


def answer(value, outcome: str = "to_government", choices: Choices = WITH_ITEMS):
    values, errors = validate(FORM, {"outcome": outcome, "disputed": value}, choices, NOW)
    return values.get("disputed"), errors.get("disputed")


def test_a_texts_items_are_its_lines_labelled_by_their_first_part():
    assert items_offered(DISPUTED, WITH_ITEMS) == {1: "起草年度工作要点", 2: "开展专项检查", 3: "编印宣传手册"}


def test_a_lists_items_are_labelled_by_their_label_key():
    spec = {**DISPUTED, "from": "rows", "label_key": "text"}
    choices = Choices(units={}, people={}, data={"rows": [{"text": "甲"}, {"text": "乙"}]})
    assert items_offered(spec, choices) == {1: "甲", 2: "乙"}
    assert items_offered({**spec, "from": "missing"}, choices) == {}


@pytest.mark.parametrize(
    ("value", "numbers"),
    [([2], [2]), ([3, 1], [1, 3]), (["1", "3", "1"], [1, 3]), ("2", [2]), (2, [2])],
)
def test_the_numbers_of_listed_items_are_taken_in_order(value, numbers):
    assert answer(value) == (numbers, None)


@pytest.mark.parametrize(("value", "unknown"), [([4], "4"), ([0, 2, 9], "0, 9")])
def test_a_number_the_list_lacks_is_refused(value, unknown):
    taken, error = answer(value)
    assert taken is None
    assert (error.code, error.params) == ("unknown_item", {"numbers": unknown, "count": 3})


@pytest.mark.parametrize("value", ["1，3", "第二项", {"2": True}, [True], [2.0], ["2", "x"]])
def test_what_is_not_a_list_of_numbers_is_refused(value):
    assert answer(value)[1].code == "not_item_numbers"


def test_one_item_field_takes_one_number_not_a_list():
    form = {"fields": [{**DISPUTED, "multiple": False}]}
    assert validate(form, {"disputed": "2"}, WITH_ITEMS, NOW) == ({"disputed": 2}, {})
    assert validate(form, {"disputed": [2]}, WITH_ITEMS, NOW)[1]["disputed"].code == "not_item_numbers"


def test_required_when_the_other_field_says_so():
    assert answer([])[1].code == "required"
    assert answer([], outcome="revised") == ([], None)


def test_nothing_listed_nothing_to_require():
    """Minutes without decided items: the mediation cannot be asked to tick one."""
    assert answer([], choices=Choices(units={}, people={}, data={"decided_items": ""})) == ([], None)


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        ('{"name": "d", "type": "items"}', "needs from"),
        ('{"name": "d", "type": "items", "from": "Decided Items"}', "needs from"),
        ('{"name": "d", "type": "items", "from": "rows", "label_key": 1}', "label_key"),
        ('{"name": "d", "type": "items", "from": "rows", "multiple": "yes"}', "multiple"),
    ],
)
def test_a_bad_items_field_is_refused_at_deploy(field, problem):
    with pytest.raises(FormProblem, match=problem):
        load_form("f.json", f'{{"fields": [{field}]}}')


def test_a_good_items_field_deploys():
    form = load_form("f.json", '{"fields": [{"name": "d", "type": "items", "from": "rows", "label_key": "text"}]}')
    assert form["fields"][0]["from"] == "rows"
