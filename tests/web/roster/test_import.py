"""The roster workbook on the pages: the template and the body's roster downloaded, and a filled
workbook imported in two steps (what it would do, then confirmed), its problems listed with
nothing written, and the new people's temporary passwords shown once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from engine.org.models import Person, Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def exported(admin) -> Workbook:
    response = admin.get("/roster/export.xlsx")
    assert response.status_code == 200 and response.mimetype == XLSX
    assert "attachment" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.data))


def put(book: Workbook, sheet: str, values: dict[str, str], key: str | None = None) -> None:
    """Set a row's cells by their headers: the row whose first cell is `key`, or a new one."""
    rows = book[sheet]
    headers = [cell.value for cell in rows[1]]
    found = next((r for r in rows.iter_rows(min_row=2) if key is not None and r[0].value == key), None)
    row = found[0].row if found else rows.max_row + 1
    for header, value in values.items():
        rows.cell(row=row, column=headers.index(header) + 1, value=value)


def upload(admin, post, book: Workbook, name: str = "名册.xlsx"):
    content = io.BytesIO()
    book.save(content)
    data = {"file": (io.BytesIO(content.getvalue()), name)}
    return post(admin, "/roster/import", data, content_type="multipart/form-data")


def token_of(html: str) -> str:
    start = html.index('name="token" value="') + len('name="token" value="')
    return html[start : html.index('"', start)]


def waiting(app) -> list[Path]:
    return list((Path(app.extensions["lianxi"].settings.instance_dir) / "roster-imports").rglob("*.xlsx"))


def test_the_template_and_the_roster_download(admin):
    template = admin.get("/roster/template.xlsx")
    assert template.status_code == 200 and template.mimetype == XLSX
    assert {"单位", "人员"} <= set(load_workbook(io.BytesIO(template.data)).sheetnames)
    book = exported(admin)
    codes = [row[0] for row in book["单位"].iter_rows(min_row=2, values_only=True)]
    assert "mzj" in codes and "wjj" in codes


def test_a_workbook_is_previewed_then_imported(app, admin, post, read, audited):
    book = exported(admin)
    put(book, "单位", {"联系电话": "0773-5899999"}, key="mzj")
    put(book, "人员", {"用户名": "staff2.mzj", "姓名": "周杰", "单位代码": "mzj", "职务": "科员"})
    preview = upload(admin, post, book)
    assert preview.status_code == 200, preview.text
    assert "尚未写入" in preview.text and "staff2.mzj" in preview.text and "0773-5899999" in preview.text
    read.rollback()
    assert read.scalar(select(Person).where(Person.username == "staff2.mzj")) is None  # not yet
    [kept] = waiting(app)
    assert kept.name == f"{token_of(preview.text)}.xlsx" and "名册" not in str(kept)

    done = post(admin, "/roster/import/confirm", {"token": token_of(preview.text)})
    assert done.status_code == 200, done.text
    assert "名册已导入" in done.text and "只显示这一次" in done.text and "staff2.mzj" in done.text
    read.rollback()
    person = read.scalar(select(Person).where(Person.username == "staff2.mzj"))
    assert person.display_name == "周杰" and person.unit.code == "mzj"
    unit = read.scalar(select(Unit).where(Unit.code == "mzj", Unit.body_id == person.body_id))
    assert unit.phone == "0773-5899999"
    assert audited("person_added")[-1].summary == "staff2.mzj" and audited("unit_changed")[-1].summary == "区民政局"
    assert waiting(app) == []
    again = post(admin, "/roster/import/confirm", {"token": token_of(preview.text)})
    assert again.status_code == 422 and "上传的文件已失效" in again.text


def test_every_problem_is_listed_and_nothing_written(app, admin, post, roster_state):
    book = exported(admin)
    put(book, "人员", {"用户名": "staff2.mzj", "姓名": "周杰", "单位代码": "mzj", "电子邮箱": "zj@"})
    put(book, "人员", {"用户名": "staff3.mzj", "姓名": "", "单位代码": "nosuch"})
    before = roster_state()
    response = upload(admin, post, book)
    assert response.status_code == 422
    page = response.text
    assert "未导入任何内容" in page and "工作表" in page and "人员" in page
    assert page.count('data-label="问题"') >= 3
    assert 'action="/roster/import/confirm"' not in page
    assert roster_state() == before and waiting(app) == []


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "名册.xlsx", "请选择要上传的文件。"),
        (b"%PDF-1.4", "名册.pdf", "不支持该文件类型"),
        (b"not a workbook", "名册.xlsx", "不是 Excel 工作簿"),
    ],
)
def test_a_file_that_is_no_roster_is_refused(admin, post, roster_state, content, name, message):
    before = roster_state()
    data = {"file": (io.BytesIO(content), name)}
    response = post(admin, "/roster/import", data, content_type="multipart/form-data")
    assert response.status_code == 422 and message in response.text
    assert roster_state() == before


def test_a_token_never_given_is_refused(admin, post, roster_state):
    before = roster_state()
    for token in ("", "../../secret_key", "A" * 32):
        response = post(admin, "/roster/import/confirm", {"token": token})
        assert response.status_code == 422 and "上传的文件已失效" in response.text
    assert roster_state() == before


def test_an_upload_waits_for_the_one_who_made_it(app, admin, post, signed_in, person_row):
    assert post(admin, "/roster/people/office.staff/roles", {"roles": ["office_staff", "admin"]}).status_code == 302
    book = exported(admin)
    put(book, "人员", {"用户名": "staff2.mzj", "姓名": "周杰", "单位代码": "mzj"})
    token = token_of(upload(admin, post, book).text)
    colleague = signed_in("office.staff")  # an administrator too, but not the one who uploaded it
    response = post(colleague, "/roster/import/confirm", {"token": token})
    assert response.status_code == 422 and "上传的文件已失效" in response.text
    assert person_row("staff2.mzj") is None
    assert post(admin, "/roster/import/confirm", {"token": token}).status_code == 200
    assert person_row("staff2.mzj").display_name == "周杰"
