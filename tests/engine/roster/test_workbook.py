"""The roster workbook: a city body made from an .xlsx, a second import that changes it, the body's
roster out and back in unchanged, and the import refused as a whole with the database's own
problems named on their rows."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from conftest import DEMO_NOW
from openpyxl import load_workbook
from roster_books import PEOPLE, PERSON_HEADERS, UNITS, book, changed, create_city, row_of
from sqlalchemy import func, select

from engine.core.audit import AuditEvent
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.org.models import Body, Person, SeatHolding, Unit
from engine.roster import seats, workbook
from engine.roster.sheets import Problem

TODAY = DEMO_NOW.date()


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_db(request):
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg_demo")


def import_file(db, body_id: int, data: bytes, now=DEMO_NOW) -> workbook.Applied:
    with UnitOfWork(db) as uow:
        applied = workbook.apply(uow.session, body_id, workbook.read(data), "office.director", now)
        uow.commit()
    return applied


def preview_of(db, body_id: int, data: bytes) -> workbook.Preview:
    with db.read_session() as session:
        return workbook.preview(session, body_id, workbook.read(data))


def qixing(db) -> int:
    with db.read_session() as session:
        return session.scalar(select(Body.id).where(Body.code == "qixing"))


def where(problems: list[Problem]) -> list[tuple[str, int, str]]:
    return [(p.sheet, p.row, p.column) for p in problems]


def footprint(db) -> tuple:
    """What an import writes: units, people, seats, audit events."""
    with db.read_session() as session:
        tables = (Unit, Person, SeatHolding, AuditEvent)
        return tuple(session.scalar(select(func.count()).select_from(t)) for t in tables)


def test_a_city_body_is_made_from_a_workbook(demo_db):
    city = create_city(demo_db, DEMO_NOW)
    shown = preview_of(demo_db, city, book())
    assert [u.code for u in shown.units_added] == ["wjw", "rsj", "zgh", "sfj"]
    assert shown.units_changed == [] and shown.units_absent == [] and shown.problems == []
    assert len(shown.people_added) == len(PEOPLE) and len(shown.seats) == 7
    applied = import_file(demo_db, city, book())
    assert set(applied.passwords) == {row[0] for row in PEOPLE}
    with demo_db.read_session() as session:
        units = session.scalars(select(Unit).where(Unit.body_id == city).order_by(Unit.sort_order)).all()
        assert [(u.code, u.kind) for u in units] == [
            ("wjw", "member"),
            ("rsj", "member"),
            ("zgh", "member"),
            ("sfj", "guest"),
            ("gov", "government"),
        ]
        assert (units[0].phone, units[0].email) == ("0773-2822222", "wjw@hubin.example.cn")
        assert units[2].phone == "7732800000"  # typed as a number
        director = session.scalar(select(Person).where(Person.username == "hb.director"))
        assert director.body_id == city and director.roles == {"office_director", "admin"}
        assert director.email == "director@hubin.example.cn" and director.title == "市卫健委副主任"
        assert accounts.password_matches(director, applied.passwords["hb.director"])
        assert session.scalar(select(Person).where(Person.username == "hb.rsj2")).roles == {"backup_liaison", "member"}
        rsj = seats.history(session, city, "rsj")
        assert {(h.seat, h.person.username, h.from_day, h.until_day) for h in rsj} == {
            ("liaison", "hb.rsj", TODAY, None),
            ("backup_liaison", "hb.rsj2", TODAY, None),
            ("member", "hb.rsj2", TODAY, None),
        }
    assert not preview_of(demo_db, city, book()).changes  # the same file again does nothing


def test_a_second_import_changes_units_people_and_seats(db):
    city = create_city(db, DEMO_NOW)
    import_file(db, city, book())
    units = changed(UNITS, 2, 1, "湖滨市人社局")
    people = changed(PEOPLE, 4, 5, "zhou@hubin.example.cn")
    people = changed(people, 4, 4, "备用联络员")  # 周 and 吴 swap the liaison seats
    people = changed(people, 5, 4, "联络员、成员")
    people = changed(people, 0, 4, "召集人、管理员")  # the administrator moves to the convener
    people = changed(people, 1, 4, "办公室主任")
    people += [("hb.zgh2", "王备用", "zgh", "", "备用联络员", "", "")]
    shown = preview_of(db, city, book(units, people))
    assert [(c.key, [(f.column, f.before, f.after) for f in c.fields]) for c in shown.units_changed] == [
        ("rsj", [("名称", "湖滨市人力资源和社会保障局", "湖滨市人社局")])
    ]
    assert [row.username for row in shown.people_added] == ["hb.zgh2"]
    assert {(c.key, f.column, f.after) for c in shown.people_changed for f in c.fields} == {
        ("hb.rsj", "电子邮箱", "zhou@hubin.example.cn"),
        ("hb.convener", "角色", "召集人、管理员"),
        ("hb.director", "角色", "办公室主任"),
    }
    assert {(s.unit, s.seat, s.before, s.after) for s in shown.seats} == {
        ("rsj", "liaison", ("hb.rsj",), "hb.rsj2"),
        ("rsj", "backup_liaison", ("hb.rsj2",), "hb.rsj"),
        ("zgh", "backup_liaison", (), "hb.zgh2"),
    }
    later = DEMO_NOW + timedelta(days=3)
    applied = import_file(db, city, book(units, people), now=later)
    assert list(applied.passwords) == ["hb.zgh2"]
    with db.read_session() as session:
        people_now = {p.username: p for p in session.scalars(select(Person).where(Person.body_id == city))}
        assert people_now["hb.rsj"].roles == {"backup_liaison"}
        assert people_now["hb.rsj"].email == "zhou@hubin.example.cn"
        assert people_now["hb.rsj2"].roles == {"liaison", "member"}
        assert people_now["hb.convener"].roles == {"convener", "admin"}
        assert people_now["hb.director"].roles == {"office_director"}
        liaisons = [(h.person.username, h.from_day, h.until_day, h.note) for h in seats.history(session, city, "rsj")]
        assert ("hb.rsj", TODAY, later.date(), "名册导入") in liaisons
        assert ("hb.rsj2", later.date(), None, "名册导入") in liaisons
    assert not preview_of(db, city, book(units, people)).changes


def test_the_demo_roster_goes_out_and_back_in_unchanged(demo_db):
    body = qixing(demo_db)
    with demo_db.read_session() as session:
        data = workbook.export(session, body)
        roster = workbook.read(data)
        shown = workbook.preview(session, body, roster)
        government = session.scalar(select(Unit).where(Unit.body_id == body, Unit.kind == "government"))
    assert not shown.changes and shown.problems == []
    assert shown.units_absent == [] and shown.people_absent == []
    assert len(roster.units) == 25 and roster.units[-1].code == government.code
    sheet = load_workbook(BytesIO(data))["人员"]
    director = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "office.director")
    assert director[4] == "办公室主任、管理员"


def test_units_and_people_left_out_of_the_file_are_listed_and_left_alone(db):
    body = qixing(db)
    with db.read_session() as session:
        roster = workbook.read(workbook.export(session, body))
    kept = type(roster)(
        tuple(u for u in roster.units if u.code != "sfj"), tuple(p for p in roster.people if p.unit != "sfj")
    )
    before = footprint(db)
    with UnitOfWork(db) as uow:
        applied = workbook.apply(uow.session, body, kept, "office.director", DEMO_NOW)
        uow.commit()
    assert [(a.key, a.name) for a in applied.done.units_absent] == [("sfj", "区司法局")]
    assert [a.key for a in applied.done.people_absent] == ["liaison.sfj"]
    assert footprint(db) == before


def test_a_city_export_reads_back_as_the_same_roster(db):
    city = create_city(db, DEMO_NOW)
    import_file(db, city, book())
    with db.read_session() as session:
        exported = workbook.read(workbook.export(session, city))
        assert not workbook.preview(session, city, exported).changes
    assert [(u.code, u.kind) for u in exported.units][0] == ("wjw", "member")
    assert {(p.username, p.roles) for p in exported.people} == {
        (r.username, r.roles) for r in workbook.read(book()).people
    }


def test_the_template_has_both_sheets_and_notes_and_reads_back_as_nothing_to_import():
    data = workbook.template()
    sheets = load_workbook(BytesIO(data))
    assert sheets.sheetnames == ["单位", "人员", "说明"]
    assert tuple(c.value for c in sheets["人员"][1]) == PERSON_HEADERS
    assert all(c.font.bold for c in sheets["单位"][1])
    notes = [c for row in sheets["说明"].iter_rows(values_only=True) for c in row if c]
    assert "备用联络员" in notes and "backup_liaison" in notes and "site_admin" not in notes
    with pytest.raises(workbook.WorkbookInvalid) as refused:
        workbook.read(data)
    assert refused.value.problems == [Problem("单位", 2, "代码", "没有填写任何单位")]


def test_a_username_of_another_bodys_person_is_refused_on_its_row(demo_db):
    city = create_city(demo_db, DEMO_NOW)
    people = changed(PEOPLE, 2, 0, "office.director")
    before = footprint(demo_db)
    assert where(preview_of(demo_db, city, book(people=people)).problems) == [("人员", row_of(2), "用户名")]
    with pytest.raises(workbook.WorkbookInvalid) as refused:
        import_file(demo_db, city, book(people=people))
    assert refused.value.problems[0].message == "该用户名已有其他联席会议的人员使用"
    assert footprint(demo_db) == before


@pytest.mark.parametrize(
    ("units", "people", "expected", "says"),
    [
        (changed(UNITS, 0, 0, "zf"), PEOPLE, ("单位", row_of(0), "代码"), "本联席会议的政府单位代码为 gov"),
        (UNITS, changed(PEOPLE, 3, 2, "sfj"), ("人员", row_of(3), "单位代码"), "不能通过名册调到其他单位"),
        (UNITS, changed(PEOPLE, 0, 4, ""), ("人员", row_of(0), "角色"), "不能没有召集人"),
        (changed(UNITS, 0, 2, "受邀单位"), PEOPLE, ("单位", row_of(0), "类别"), "不能互改类别"),
    ],
)
def test_what_only_the_body_refuses_is_named_and_nothing_is_written(db, units, people, expected, says):
    city = create_city(db, DEMO_NOW)
    import_file(db, city, book())
    before = footprint(db)
    with pytest.raises(workbook.WorkbookInvalid) as refused:
        import_file(db, city, book(units, people))
    (problem,) = [p for p in refused.value.problems if says in p.message]
    assert (problem.sheet, problem.row, problem.column) == expected
    assert footprint(db) == before


def test_a_refusal_of_the_roster_services_is_named_on_its_row_and_undoes_the_rest(db):
    """A seat cannot change before its last change: the import dated yesterday is refused by
    seats.change, after the new unit was added, and the whole import is rolled back."""
    city = create_city(db, DEMO_NOW)
    import_file(db, city, book())
    before = footprint(db)
    units = [*UNITS, ("jyj", "湖滨市教育局", "受邀单位", "", "")]
    people = changed(PEOPLE, 2, 4, "")
    people = changed(people, 3, 4, "联络员")
    with pytest.raises(workbook.WorkbookInvalid) as refused:
        import_file(db, city, book(units, people), now=DEMO_NOW - timedelta(days=1))
    assert where(refused.value.problems) == [("单位", row_of(1), "代码")]
    assert "上一次调整" in refused.value.problems[0].message
    assert footprint(db) == before
