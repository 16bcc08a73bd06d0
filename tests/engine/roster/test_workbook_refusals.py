"""A roster file refused as it is read: every problem named by sheet, row and column, all of them
at once, in Chinese, and nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import DEMO_NOW
from roster_books import PEOPLE, PERSON_HEADERS, UNIT_HEADERS, UNITS, book, changed, create_city, row_of
from sqlalchemy import func, select

from engine.core.uow import UnitOfWork
from engine.org.models import Person, Unit
from engine.roster import workbook

PERSON_EMAIL, PERSON_PHONE, ROLES = 5, 6, 4


@pytest.mark.parametrize(
    ("units", "people", "expected", "says"),
    [
        (changed(UNITS, 3, 0, "wjw"), PEOPLE, ("单位", row_of(3), "代码"), "单位代码 wjw 重复（第 3 行）"),
        (changed(UNITS, 2, 1, ""), PEOPLE, ("单位", row_of(2), "名称"), "此项必填"),
        (changed(UNITS, 2, 2, "协作单位"), PEOPLE, ("单位", row_of(2), "类别"), "类别须为成员单位、受邀单位、政府之一"),
        (changed(UNITS, 4, 2, "政府"), PEOPLE, ("单位", row_of(4), "类别"), "只能有一个政府单位（第 2 行）"),
        (changed(UNITS, 1, 0, "WJW!"), PEOPLE, ("单位", row_of(1), "代码"), "代码须以小写英文字母开头"),
        (changed(UNITS, 1, 4, "wjw.hubin"), PEOPLE, ("单位", row_of(1), "电子邮箱"), "不是有效的电子邮箱地址"),
        (UNITS, changed(PEOPLE, 4, ROLES, "联络员、秘书长"), ("人员", row_of(4), "角色"), "没有这些角色：秘书长"),
        (UNITS, changed(PEOPLE, 0, ROLES, "site_admin"), ("人员", row_of(0), "角色"), "没有这些角色：site_admin"),
        (
            UNITS,
            [*PEOPLE, ("HB.RSJ", "周联络", "zgh", "", "", "", "")],
            ("人员", 9, "用户名"),
            "用户 HB.RSJ 重复（第 6 行）",
        ),
        (UNITS, changed(PEOPLE, 3, 2, "jyj"), ("人员", row_of(3), "单位代码"), "单位代码 jyj 不在“单位”表中"),
        (UNITS, changed(PEOPLE, 4, ROLES, ""), ("单位", row_of(2), "代码"), "成员单位须有一名联络员"),
        (UNITS, changed(PEOPLE, 3, ROLES, "联络员"), ("人员", row_of(3), "角色"), "只能有一名联络员（第 4 行已是）"),
        (
            UNITS,
            changed(PEOPLE, 2, ROLES, "成员、联络员"),
            ("人员", row_of(3), "角色"),
            "只能有一名成员（第 4 行已是）",
        ),
        (
            UNITS,
            changed(PEOPLE, 4, ROLES, "联络员、备用联络员"),
            ("人员", row_of(4), "角色"),
            "不能既是联络员又是备用联络员",
        ),
        (UNITS, changed(PEOPLE, 2, PERSON_EMAIL, "sun@"), ("人员", row_of(2), "电子邮箱"), "不是有效的电子邮箱地址"),
        (UNITS, changed(PEOPLE, 2, PERSON_PHONE, "0773-12ab"), ("人员", row_of(2), "联系电话"), "不是有效的电话号码"),
        (UNITS, changed(PEOPLE, 2, 0, "1sun"), ("人员", row_of(2), "用户名"), "用户名须以英文字母开头"),
        (UNITS, changed(PEOPLE, 2, 1, ""), ("人员", row_of(2), "姓名"), "此项必填"),
    ],
)
def test_a_faulty_row_is_named_by_sheet_row_and_column(db, units, people, expected, says):
    city = create_city(db, DEMO_NOW)
    problems = refused(db, city, book(units, people))
    assert [(p.sheet, p.row, p.column) for p in problems if says in p.message] == [expected], problems


def test_every_problem_is_reported_not_just_the_first(db):
    city = create_city(db, DEMO_NOW)
    units = changed(changed(UNITS, 1, 4, "not-mail"), 3, 0, "rsj")
    people = changed(changed(PEOPLE, 0, PERSON_EMAIL, "x@y"), 6, PERSON_PHONE, "call me")
    problems = refused(db, city, book(units, people))
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("单位", row_of(1), "电子邮箱"),
        ("单位", row_of(3), "代码"),
        ("人员", row_of(0), "电子邮箱"),
        ("人员", row_of(6), "单位代码"),  # its unit zgh was renamed rsj above, so zgh is unknown
        ("人员", row_of(6), "联系电话"),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04 not really a zip", [("", 0, "")]),
        ("名册.csv: 代码,名称".encode(), [("", 0, "")]),
        (book(sheets=("单位",)), [("人员", 0, "")]),
        (book(unit_headers=UNIT_HEADERS[:4]), [("单位", 1, "电子邮箱")]),
        (book(person_headers=("账号", *PERSON_HEADERS[1:])), [("人员", 1, "用户名")]),
    ],
)
def test_a_file_that_is_no_roster_is_refused_whole(db, data, expected):
    city = create_city(db, DEMO_NOW)
    assert [(p.sheet, p.row, p.column) for p in refused(db, city, data)] == expected


def bomb() -> bytes:
    """A valid roster with a 60 MB member of zeros beside it: tens of kilobytes as uploaded."""
    out = io.BytesIO(book())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(60 * 1024 * 1024))
    return out.getvalue()


def test_a_file_that_unpacks_to_more_than_a_roster_could_is_refused_unopened(db):
    data = bomb()
    assert len(data) < 1024 * 1024
    (problem,) = refused(db, create_city(db, DEMO_NOW), data)
    assert "解压后过大" in problem.message


def refused(db, city: int, data: bytes) -> list:
    """The problems of importing the file into the city body, which still has only its government."""
    with pytest.raises(workbook.WorkbookInvalid) as refusal, UnitOfWork(db) as uow:
        workbook.apply(uow.session, city, workbook.read(data), "office.director", DEMO_NOW)
        uow.commit()
    assert all(p.message for p in refusal.value.problems)
    with db.read_session() as session:
        assert session.scalar(select(func.count(Unit.id)).where(Unit.body_id == city)) == 1
        assert session.scalar(select(func.count(Person.id)).where(Person.body_id == city)) == 0
    return refusal.value.problems
