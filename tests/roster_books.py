"""A small city body and its roster workbook, written with openpyxl as an office would fill it,
for the engine's and the command line's roster import tests."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook

from engine.core.uow import UnitOfWork
from engine.roster import bodies

CITY = {"code": "hubin", "name": "湖滨市职业病防治工作联席会议", "level": "city", "government_name": "湖滨市人民政府"}
UNIT_HEADERS = ("代码", "名称", "类别", "联系电话", "电子邮箱")
PERSON_HEADERS = ("用户名", "姓名", "单位代码", "职务", "角色", "电子邮箱", "联系电话")
# Row 1 is the headers: UNITS[i] is on Excel's row i + 2, and so is PEOPLE[i].
UNITS = [
    ("gov", "湖滨市人民政府", "政府", "", ""),
    ("wjw", "湖滨市卫生健康委员会", "成员单位", "0773-2822222", "wjw@hubin.example.cn"),
    ("rsj", "湖滨市人力资源和社会保障局", "member", "", ""),
    ("zgh", "湖滨市总工会", "成员单位", 7732800000, ""),
    ("sfj", "湖滨市司法局", "受邀单位", "", ""),
]
PEOPLE = [
    ("hb.convener", "赵召集", "wjw", "市卫健委主任", "召集人", "", ""),
    ("hb.director", "钱主任", "wjw", "市卫健委副主任", "办公室主任、管理员", "director@hubin.example.cn", ""),
    ("hb.wjw", "孙联络", "wjw", "", "联络员", "", "0773-1234567"),
    ("hb.wjw.leader", "李成员", "wjw", "市卫健委副主任", "成员", "", ""),
    ("hb.rsj", "周联络", "rsj", "", "liaison", "", ""),
    ("hb.rsj2", "吴备用", "rsj", "", "备用联络员，member", "", ""),
    ("hb.zgh", "郑联络", "zgh", "", "联络员,成员", "", ""),
]


def row_of(index: int) -> int:
    return index + 2


def book(units=UNITS, people=PEOPLE, unit_headers=UNIT_HEADERS, person_headers=PERSON_HEADERS, sheets=None) -> bytes:
    """The workbook's bytes; `sheets` names the sheets to write (both by default)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, headers, rows in (("单位", unit_headers, units), ("人员", person_headers, people)):
        if sheets is None or name in sheets:
            sheet = workbook.create_sheet(name)
            sheet.append(list(headers))
            for row in rows:
                sheet.append(list(row))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def changed(rows: list[tuple], index: int, column: int, value) -> list[tuple]:
    """The rows with one cell replaced."""
    copy = [list(r) for r in rows]
    copy[index][column] = value
    return [tuple(r) for r in copy]


def create_city(db, now) -> int:
    with UnitOfWork(db) as uow:
        body = bodies.create(uow.session, CITY, "site.admin", now)
        uow.commit()
        return body.id
