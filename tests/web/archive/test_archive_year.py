"""归档 of a year: once the year's summary is archived by its own process, the office closes the
year into the archive from the year's page (asked to confirm first); the package holds the
summary as an official document, every submission and the index; a second time is refused."""

from __future__ import annotations

import io
import zipfile

from annual_setup import BODY, OFFICE, TWENTY, cycle_of, new_body, submission, submit
from sqlalchemy import select

from engine.annual import cycles
from engine.archive.models import ArchiveEntry
from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD
from engine.org import accounts
from tests.engine.annual.test_annual_cycle import _accept_all, at, finish
from tests.web.conftest import page_token

CONFIRM = 'data-confirm="归档后不能再修改，确定归档？"'


def archived_year(db) -> None:
    """The body's 2027 summary gathered, accepted and finalised by the office: archived by its process."""
    new_body(db, at(2026, 10, 30))
    with UnitOfWork(db) as uow:
        accounts.set_password(uow.session, accounts.find(uow.session, OFFICE), DEMO_PASSWORD, at(2026, 10, 30))
        uow.commit()
    cycles.start_due_cycles(db, at(2027, 12, 1, 0))
    cycle = cycle_of(db, BODY, 2027)
    for code in TWENTY:
        submit(db, cycle, code, at(2027, 12, 5), submission(code))
    _accept_all(db, cycle, at(2027, 12, 6))
    finish(db, cycle, at(2027, 12, 7))
    assert cycle_of(db, BODY, 2027).status == "archived"


def test_the_office_archives_the_year_from_its_page(app, signed_in):
    db = app.extensions["lianxi"].db
    archived_year(db)
    office = signed_in(OFFICE)
    page = office.get("/annual/2027").text
    assert CONFIRM in page and 'action="/annual/2027/archive"' in page
    done = office.post("/annual/2027/archive", data={"csrf_token": page_token(page)}, follow_redirects=True)
    assert "已归档" in done.text and 'action="/annual/2027/archive"' not in done.text
    with db.read_session() as session:
        [entry] = session.scalars(select(ArchiveEntry).where(ArchiveEntry.kind == "annual")).all()
        package = zipfile.ZipFile(io.BytesIO(entry.package))
    names = package.namelist()
    assert any(name.endswith(".docx") for name in names) and "index.csv" in names
    assert sum(TWENTY[0] in name or "submissions" in name for name in names) >= 1
    again = office.post("/annual/2027/archive", data={"csrf_token": page_token(page)}, follow_redirects=True)
    assert "不能重复归档" in again.text
