"""The roster workbook's format: a sheet of units and a sheet of people, their columns, and
reading a file with every problem in it named by sheet, row and column, as Excel shows them.

Offices keep rosters in Excel, so a cell may hold a number where text is meant (a phone number
typed as digits): every cell is read as text.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from zipfile import BadZipFile, ZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from engine.core import cells
from engine.core.errors import FieldError, InvalidData
from engine.org.models import SEATS
from engine.roster import checks, labels

UNITS_SHEET, PEOPLE_SHEET, NOTES_SHEET = "单位", "人员", "说明"
FIRST_ROW = 2  # row 1 holds the headers
# A roster of a few hundred rows unpacks to well under a megabyte; a zip bomb, to gigabytes.
UNPACKED_MAX = 50 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One refusal: `row` is Excel's row number (0 for the whole sheet or file), `column` a header."""

    sheet: str
    row: int
    column: str
    message: str


class WorkbookInvalid(InvalidData):
    """The file cannot be imported as it is; `problems` names every fault found."""

    def __init__(self, problems: list[Problem]):
        first = problems[0]
        where = f"“{first.sheet}”表第 {first.row} 行“{first.column}”：" if first.sheet else ""
        super().__init__({}, f"名册有 {len(problems)} 处问题，如{where}{first.message}")
        self.problems = list(problems)


@dataclass(frozen=True)
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    phone: str
    email: str


@dataclass(frozen=True)
class PersonRow:
    row: int
    username: str
    display_name: str
    unit: str
    title: str
    roles: frozenset[str]
    email: str
    phone: str

    @property
    def seats(self) -> frozenset[str]:
        return self.roles & frozenset(SEATS)


@dataclass(frozen=True)
class Roster:
    units: tuple[UnitRow, ...]
    people: tuple[PersonRow, ...]


# A cell's text → (its value, the message refusing it or None).
Parse = Callable[[str], tuple[object, str | None]]


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    width: int
    parse: Parse
    note: str
    show: Callable[[object], str] = str


def _checked(*tests: Callable[[str], FieldError | None]) -> Parse:
    def parse(text: str) -> tuple[str, str | None]:
        error = next((e for e in (test(text) for test in tests) if e is not None), None)
        return text, labels.field_message(error) if error else None

    return parse


def _longest(limit: int) -> Callable[[str], FieldError | None]:
    return lambda text: FieldError("too_long", {"max": limit}) if len(text) > limit else None


def _needed(limit: int) -> Callable[[str], FieldError | None]:
    return lambda text: checks.required(text, limit)


def _kind(text: str) -> tuple[str, str | None]:
    code = labels.kind_code(text)
    choices = "、".join(labels.KIND_NAMES.values())
    return code or "", None if code else f"类别须为{choices}之一"


def _roles(text: str) -> tuple[frozenset[str], str | None]:
    names = labels.split_roles(text)
    unknown = [n for n in names if labels.role_code(n) is None]
    known = frozenset(labels.role_code(n) for n in names) - {None}
    return known, f"没有这些角色：{'、'.join(unknown)}" if unknown else None


UNIT_COLUMNS = (
    Column("代码", "code", 14, _checked(checks.code), "必填。小写英文字母开头，2 至 40 个字符，如 wjj。"),
    Column("名称", "name", 36, _checked(_needed(200)), "必填。单位全称。"),
    Column(
        "类别",
        "kind",
        12,
        _kind,
        "必填。成员单位、受邀单位或政府（也可填 member、guest、government）。"
        "政府即本联席会议所报告的政府，至多一个，可不列。",
        lambda kind: labels.KIND_NAMES.get(kind, kind),
    ),
    Column("联系电话", "phone", 18, _checked(checks.phone), "选填。"),
    Column("电子邮箱", "email", 28, _checked(checks.email, _longest(200)), "选填。"),
)
PERSON_COLUMNS = (
    Column("用户名", "username", 18, _checked(checks.username), "必填。登录用，英文字母开头，全系统唯一。"),
    Column("姓名", "display_name", 14, _checked(_needed(120)), "必填。"),
    Column("单位代码", "unit", 12, _checked(_needed(40)), "必填。须是“单位”表中的代码。"),
    Column("职务", "title", 30, _checked(_longest(200)), "选填。"),
    Column(
        "角色",
        "roles",
        30,
        _roles,
        "选填。可填多个，用“、”或逗号分隔，填名称或代码均可，见下表。",
        labels.role_list,
    ),
    Column("电子邮箱", "email", 28, _checked(checks.email, _longest(200)), "选填。"),
    Column("联系电话", "phone", 18, _checked(checks.phone), "选填。"),
)
SHEETS = ((UNITS_SHEET, UNIT_COLUMNS, UnitRow), (PEOPLE_SHEET, PERSON_COLUMNS, PersonRow))


def header(columns: tuple[Column, ...], field: str) -> str:
    return next(c.header for c in columns if c.field == field)


# Reading


def read(data: bytes) -> Roster:
    """The roster in the file, or WorkbookInvalid naming every problem in it."""
    book = _open(data)
    problems: list[Problem] = []
    try:
        units, people = (_read_sheet(book, name, columns, make, problems) for name, columns, make in SHEETS)
    finally:
        book.close()
    if not _unreadable(problems):
        _check_units(units, problems)
        _check_people(units, people, problems)
    if problems:
        raise WorkbookInvalid(sorted(problems, key=_place))
    return Roster(tuple(units), tuple(people))


def _place(problem: Problem) -> tuple[int, int, int]:
    """Where a problem is, as a reader goes through the file: sheet by sheet, row by row, left to right."""
    order = [(name, [c.header for c in columns]) for name, columns, _make in SHEETS]
    sheet = next((n for n, (name, _h) in enumerate(order) if name == problem.sheet), 0)
    headers = order[sheet][1]
    return sheet, problem.row, headers.index(problem.column) if problem.column in headers else 0


def _unreadable(problems: list[Problem]) -> bool:
    """A sheet or a column is missing: the rows cannot be checked against each other."""
    return any(p.row < FIRST_ROW for p in problems)


def _open(data: bytes) -> Workbook:
    try:
        if _unpacked_size(data) > UNPACKED_MAX:
            raise WorkbookInvalid([Problem("", 0, "", "文件解压后过大，不是一份名册，未导入")])
        with warnings.catch_warnings():
            # openpyxl warns of what it does not read (data validation, a missing default style).
            warnings.simplefilter("ignore", UserWarning)
            return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise WorkbookInvalid([Problem("", 0, "", "不是 Excel 工作簿（.xlsx）文件，无法读取")]) from exc


def _unpacked_size(data: bytes) -> int:
    """What the .xlsx (a zip) unpacks to, as its directory declares: Python's zipfile reads no
    more of a member than it declares, so a lying declaration only cuts the member short."""
    with ZipFile(BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def _read_sheet(book: Workbook, name: str, columns, make, problems: list[Problem]) -> list:
    if name not in book.sheetnames:
        problems.append(Problem(name, 0, "", f"缺少“{name}”工作表"))
        return []
    rows = book[name].iter_rows(values_only=True)
    found = _positions([_text(v) for v in next(rows, ())], name, columns, problems)
    if found is None:
        return []
    read_rows = []
    for number, values in enumerate(rows, start=FIRST_ROW):
        cells = {c.field: _text(values[i]) if i < len(values) else "" for c, i in zip(columns, found, strict=True)}
        if any(cells.values()):
            read_rows.append(make(row=number, **_parse(name, number, columns, cells, problems)))
    return read_rows


def _positions(headers: list[str], sheet: str, columns, problems: list[Problem]) -> list[int] | None:
    missing = [c.header for c in columns if c.header not in headers]
    for name in missing:
        problems.append(Problem(sheet, 1, name, f"缺少“{name}”列（第一行须为列名）"))
    return None if missing else [headers.index(c.header) for c in columns]


def _parse(sheet: str, number: int, columns, cells: dict, problems: list[Problem]) -> dict:
    values = {}
    for column in columns:
        values[column.field], message = column.parse(cells[column.field])
        if message:
            problems.append(Problem(sheet, number, column.header, message))
    return values


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 13800000000 typed as a number
    return str(value).strip()


def _at(row: UnitRow | PersonRow, field: str, message: str) -> Problem:
    """A problem on a row read from the file, in the column holding `field`."""
    if isinstance(row, UnitRow):
        return Problem(UNITS_SHEET, row.row, header(UNIT_COLUMNS, field), message)
    return Problem(PEOPLE_SHEET, row.row, header(PERSON_COLUMNS, field), message)


def _check_units(units: list[UnitRow], problems: list[Problem]) -> None:
    if not units:
        problems.append(Problem(UNITS_SHEET, FIRST_ROW, header(UNIT_COLUMNS, "code"), "没有填写任何单位"))
    first: dict[str, int] = {}
    for unit in units:
        if unit.code in first:
            problems.append(_at(unit, "code", f"单位代码 {unit.code} 重复（第 {first[unit.code]} 行）"))
        first.setdefault(unit.code, unit.row)
    governments = [u for u in units if u.kind == "government"]
    for unit in governments[1:]:
        problems.append(_at(unit, "kind", f"只能有一个政府单位（第 {governments[0].row} 行）"))


def _check_people(units: list[UnitRow], people: list[PersonRow], problems: list[Problem]) -> None:
    _check_usernames(people, problems)
    codes = {u.code for u in units}
    for person in people:
        if person.unit and person.unit not in codes:
            problems.append(_at(person, "unit", f"单位代码 {person.unit} 不在“单位”表中"))
        if {"liaison", "backup_liaison"} <= person.roles:
            problems.append(_at(person, "roles", "不能既是联络员又是备用联络员"))
    _check_seats(people, problems)
    liaisons = {p.unit for p in people if "liaison" in p.roles}
    lacking = [u for u in units if u.kind == "member" and u.code not in liaisons]
    problems += [_at(unit, "code", "成员单位须有一名联络员") for unit in lacking]


def _check_usernames(people: list[PersonRow], problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for person in people:
        key = person.username.lower()
        if key in first:
            problems.append(_at(person, "username", f"用户 {person.username} 重复（第 {first[key]} 行）"))
        first.setdefault(key, person.row)


def _check_seats(people: list[PersonRow], problems: list[Problem]) -> None:
    """Each of a unit's seats has one holder."""
    holder: dict[tuple[str, str], int] = {}
    for person in people:
        for seat in sorted(person.seats):
            if (person.unit, seat) in holder:
                name = labels.ROLE_NAMES[seat]
                message = f"单位 {person.unit} 只能有一名{name}（第 {holder[person.unit, seat]} 行已是）"
                problems.append(_at(person, "roles", message))
            holder.setdefault((person.unit, seat), person.row)


# Writing


def write(units: list[UnitRow], people: list[PersonRow]) -> bytes:
    """Both sheets, bold headers, widths to fit, and the notes sheet explaining them."""
    book = Workbook()
    book.remove(book.active)
    for (name, columns, _make), rows in zip(SHEETS, (units, people), strict=True):
        _write_sheet(book.create_sheet(name), columns, rows)
    _write_notes(book.create_sheet(NOTES_SHEET))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(sheet, columns, rows: list) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(1, number, column.header)
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = column.width
    for row in rows:
        cells.append(sheet, [column.show(getattr(row, column.field)) for column in columns])
    sheet.freeze_panes = "A2"


NOTES = (
    "本工作簿是联席会议的名册：“单位”表每行一个单位，“人员”表每行一人。第一行是列名，请勿改动。",
    "每个成员单位须有一名联络员；每个单位的成员（单位负责同志）、联络员、备用联络员各至多一人。",
    "导入时，名册所列单位的成员、联络员、备用联络员以本表为准，表中没有的席位将空缺，调整之日为导入之日。",
    "系统中已有而名册中没有的单位和人员保持不变，不会删除；单位退出、人员离岗请在系统中办理。",
    "人员不能通过名册调到另一单位。政府单位只能有一个，其代码须与系统中已有的一致。",
    "新增人员各得一个临时密码，导入后只显示一次，请转交本人，首次登录后修改。",
)


def _write_notes(sheet) -> None:
    bold = Font(bold=True)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 16, 24
    sheet.column_dimensions["C"].width = 80
    for text in NOTES:
        sheet.append([text])
    sheet.append([])
    sheet.append(["工作表", "列", "说明"])
    _bold_row(sheet, bold)
    for name, columns, _make in SHEETS:
        for column in columns:
            sheet.append([name, column.header, column.note])
    sheet.append([])
    sheet.append(["角色名称", "角色代码"])
    _bold_row(sheet, bold)
    for code, name in labels.ROLE_NAMES.items():
        sheet.append([name, code])


def _bold_row(sheet, font: Font) -> None:
    for cell in sheet[sheet.max_row]:
        cell.font = font
