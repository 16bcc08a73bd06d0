"""`lianxi body|unit|member|roster|user` keeping bodies and rosters: a city body made from a
workbook, membership changes, a person's access, and docs/INTERFACE.md's exit statuses for what
they refuse, with nothing written."""

from __future__ import annotations

import json

import pytest
from conftest import DEMO_NOW
from openpyxl import load_workbook
from roster_books import CITY, PEOPLE, book, changed, row_of
from sqlalchemy import select

from engine.org.models import Person
from engine.roster import labels

TODAY = DEMO_NOW.date().isoformat()
NOT_A_PHONE = labels.FIELD_MESSAGES["not_phone"]


@pytest.fixture
def city(run) -> str:
    names = ("--name", CITY["name"], "--government", CITY["government_name"])
    done = run("body", "create", CITY["code"], "--level", "city", *names)
    assert done.exit_code == 0, done.stderr
    return CITY["code"]


def written(tmp_path, data: bytes, name: str = "roster.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def city_people(app) -> list[str]:
    with app.extensions["lianxi"].db.read_session() as session:
        return sorted(session.scalars(select(Person.username).where(Person.username.like("hb.%"))))


def test_a_body_is_created_and_listed_and_a_bad_one_refused(run, city):
    listed = json.loads(run("body", "list", "--json").stdout)
    assert {"code": "hubin", "name": CITY["name"], "level": "city", "government": "湖滨市人民政府"} in listed
    assert "qixing" in run("body", "list").stdout
    again = run("body", "create", "hubin", "--name", "又一个", "--level", "city", "--government", "某政府")
    assert again.exit_code == 6 and again.stderr.startswith("error:") and "code: taken" in again.stderr
    bad_level = run("body", "create", "other", "--name", "某", "--level", "county", "--government", "某政府")
    assert bad_level.exit_code == 2
    assert len(json.loads(run("body", "list", "--json").stdout)) == len(listed)


def test_a_city_roster_is_imported_from_a_workbook_and_exported_back(app, run, city, tmp_path):
    done = run("roster", "import", written(tmp_path, book()), "--body", city)
    assert done.exit_code == 0, done.stderr
    assert "+ wjw 湖滨市卫生健康委员会" in done.stdout and "+ hb.director 钱主任 (wjw)" in done.stdout
    assert "~ rsj liaison: - -> hb.rsj" in done.stdout
    passwords = dict(line.split() for line in done.stdout.split("temporary passwords")[1].splitlines()[2:])
    assert sorted(passwords) == sorted(row[0] for row in PEOPLE)
    assert city_people(app) == sorted(row[0] for row in PEOPLE)
    exported = tmp_path / "out.xlsx"
    assert run("roster", "export", exported, "--body", city).exit_code == 0
    again = run("roster", "import", exported, "--body", city)
    assert again.exit_code == 0, again.stderr
    assert "units: 0 new, 0 changed; people: 0 new, 0 changed; seats: 0 changed" in again.stdout
    assert "temporary passwords" not in again.stdout
    template = tmp_path / "template.xlsx"
    assert run("roster", "template", template).exit_code == 0
    assert load_workbook(template).sheetnames == ["单位", "人员", "说明"]


def test_a_refused_workbook_names_each_problem_and_writes_nothing(app, run, city, tmp_path):
    people = changed(changed(PEOPLE, 2, 5, "sun@"), 4, 6, "call me")
    done = run("roster", "import", written(tmp_path, book(people=people)), "--body", city)
    assert done.exit_code == 6
    assert done.stderr.splitlines() == [
        f"sheet 人员, row {row_of(2)}, column 电子邮箱: 不是有效的电子邮箱地址",
        f"sheet 人员, row {row_of(4)}, column 联系电话: {NOT_A_PHONE}",
        f"error: 2 problem(s) in {tmp_path / 'roster.xlsx'}: nothing imported",
    ]
    not_excel = run("roster", "import", written(tmp_path, b"name,unit\n", "roster.csv"), "--body", city)
    assert not_excel.exit_code == 6
    assert not_excel.stderr.startswith(f"{tmp_path / 'roster.csv'}: 不是 Excel 工作簿")
    taken = changed(PEOPLE, 0, 0, "office.director")  # a Qixing person's user name
    other = run("roster", "import", written(tmp_path, book(people=taken)), "--body", city)
    assert other.exit_code == 6 and f"sheet 人员, row {row_of(0)}, column 用户名:" in other.stderr
    assert run("roster", "import", tmp_path / "missing.xlsx", "--body", city).exit_code == 2
    assert run("roster", "import", written(tmp_path, book()), "--body", "nowhere").exit_code == 4
    assert run("roster", "import", written(tmp_path, book())).exit_code == 2  # two bodies: --body needed
    assert city_people(app) == []


def test_a_dry_run_shows_the_changes_and_writes_nothing(app, run, city, tmp_path):
    done = run("roster", "import", written(tmp_path, book()), "--body", city, "--dry-run")
    assert done.exit_code == 0, done.stderr
    assert "units: 4 new, 0 changed; people: 7 new, 0 changed; seats: 7 changed" in done.stdout
    assert done.stdout.rstrip().endswith("dry run: nothing written")
    assert city_people(app) == []


def test_units_are_added_and_retired(run, tmp_path):
    added = run("unit", "add", "xjj", "--body", "qixing", "--name", "区新建局", "--kind", "guest", "--email", "x@qx.cn")
    assert added.exit_code == 0, added.stderr
    assert run("unit", "add", "bad", "--body", "qixing", "--name", "区某局", "--email", "nope").exit_code == 6
    assert run("unit", "add", "yjj", "--body", "qixing", "--name", "区某局", "--kind", "government").exit_code == 2
    retire = ("unit", "retire", "xjj", "--body", "qixing")
    assert run(*retire, "--on", TODAY, "--as", "liaison.wjj").exit_code == 3
    assert run(*retire, "--on", TODAY, "--as", "nobody").exit_code == 4
    assert run(*retire, "--on", "2026-12-31", "--as", "office.director").exit_code == 6
    assert run(*retire, "--on", "23/11/2026", "--as", "office.director").exit_code == 2
    done = run(*retire, "--on", TODAY, "--as", "office.director")
    assert done.exit_code == 0, done.stderr
    units = json.loads(run("unit", "list", "--body", "qixing", "--all", "--json").stdout)
    assert {"xjj": "former"}.items() <= {u["code"]: u["kind"] for u in units}.items()


def test_a_membership_change_and_the_seats_history(run):
    change = ("member", "change", "scjgj", "--body", "qixing", "--on", TODAY)
    done = run(*change, "--seat", "liaison", "--person", "member.scjgj", "--note", "原联络员调岗")
    assert done.exit_code == 0, done.stderr
    assert run(*change, "--seat", "member", "--vacate").exit_code == 0
    history = json.loads(run("member", "history", "scjgj", "--body", "qixing", "--json").stdout)
    liaison = [(h["username"], h["until_day"], h["note"]) for h in history if h["seat"] == "liaison"]
    assert liaison == [("member.scjgj", None, "原联络员调岗"), ("liaison.scjgj", TODAY, "")]
    assert [h["until_day"] for h in history if h["seat"] == "member"] == [TODAY]
    assert "member.scjgj" in run("member", "history", "scjgj", "--body", "qixing").stdout
    assert run(*change, "--seat", "member").exit_code == 2  # neither --person nor --vacate
    assert run(*change, "--seat", "member", "--person", "x", "--vacate").exit_code == 2
    assert run(*change, "--seat", "member", "--person", "liaison.wjj").exit_code == 6  # not of the unit
    assert (
        run("member", "change", "nope", "--body", "qixing", "--on", TODAY, "--seat", "member", "--vacate").exit_code
        == 4
    )


def test_a_person_is_locked_unlocked_and_deactivated(app, run):
    assert run("user", "lock", "liaison.wjj").exit_code == 0
    assert _person(app, "liaison.wjj").locked
    assert run("user", "unlock", "liaison.wjj").exit_code == 0
    assert not _person(app, "liaison.wjj").locked
    assert run("user", "lock", "nobody").exit_code == 4
    assert run("user", "deactivate", "member.wjj", "--as", "liaison.wjj").exit_code == 3
    assert run("user", "deactivate", "convener", "--as", "office.director").exit_code == 6  # the only convener
    done = run("user", "deactivate", "member.wjj", "--as", "office.director")
    assert done.exit_code == 0, done.stderr
    assert not _person(app, "member.wjj").active


def test_a_user_is_created_in_the_body_named(app, run, city, tmp_path):
    assert run("roster", "import", written(tmp_path, book()), "--body", city).exit_code == 0
    create = ("user", "create", "hb.staff", "--unit", "rsj", "--role", "office_staff", "--password", "long-enough-1")
    assert run(*create).exit_code == 6  # both bodies have a unit rsj
    done = run(*create, "--body", city)
    assert done.exit_code == 0, done.stderr
    assert _person(app, "hb.staff").body.code == city
    assert run("user", "deactivate", "hb.staff", "--as", "office.director").exit_code == 4  # of another body


def _person(app, username: str) -> Person:
    with app.extensions["lianxi"].db.read_session() as session:
        person = session.scalar(select(Person).where(Person.username == username))
        person.body  # noqa: B018  (loaded before the session closes)
        return person
