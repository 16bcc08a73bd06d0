"""简报 and 信息征集 on the pages: the office begins an issue and is taken to choose its reports;
the released issue reads and downloads as its .docx lays it out, for the units it went to and no
one else; a request's matrix shows who has answered."""

from __future__ import annotations

import io

from docx import Document
from information_steps import answered, compiled, decided, filed, request_of, requested, reviewed
from sqlalchemy import select

from engine.information.models import Bulletin
from engine.org.models import Body

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    cells = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    return [p.text for p in document.paragraphs] + cells


def test_an_issue_begun_compiled_approved_reads_and_downloads_for_the_units_only(app, clock, signed_in, post):
    db, now = app.extensions["lianxi"].db, clock.now()
    reviewed(db, filed(db, "wjj", now, title="开展尘肺病患者随访"), "accept", now)
    office = signed_in("office.staff")
    assert "编辑新一期" in office.get("/bulletins").text
    response = post(office, "/bulletins/new")
    assert response.status_code == 302 and response.location.startswith("/tasks/")
    assert "开展尘肺病患者随访" in office.get(response.location).text  # offered to choose
    with db.read_session() as session:
        bulletin = session.scalar(select(Bulletin))
    instance_id, bulletin_id = bulletin.instance_id, bulletin.id
    liaison = signed_in("liaison.zgh")
    assert liaison.get(f"/bulletins/{bulletin_id}").status_code == 404  # not released: the office's alone

    compiled(db, instance_id, [1], now, foreword="各单位可借鉴。")
    decided(db, instance_id, now)
    page = liaison.get(f"/bulletins/{bulletin_id}").text
    assert (
        "第1期" in page
        and "开展尘肺病患者随访" in page
        and "各单位可借鉴。" in page
        and "发：联席会议各成员单位。" in page
    )
    assert signed_in("liaison.sfj").get(f"/bulletins/{bulletin_id}").status_code == 404  # a guest unit has no copy
    response = liaison.get(f"/bulletins/{bulletin_id}.docx")
    assert response.mimetype == DOCX
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        heads = [body.name, "简  报", "第1期"]
        record = [f"报：{body.government_name}。", "送：联席会议召集人、副召集人。", "发：联席会议各成员单位。"]
    written = texts(response.data)
    assert written[:3] == heads and written[3] == f"{body.name}办公室\t2026年11月23日"
    assert "开展尘肺病患者随访" in written and "（区卫生健康局）" in written and "编者按：各单位可借鉴。" in written
    assert set(record) <= set(written) and f"{body.name}办公室\t2026年11月23日印发" in written
    assert "签收情况" in office.get(f"/bulletins/{bulletin_id}").text


def test_a_requests_matrix_shows_who_answered_to_the_office_and_the_units_asked(app, clock, signed_in):
    db, now = app.extensions["lianxi"].db, clock.now()
    instance_id = requested(db, now, ["wjj", "zgh"])
    answered(db, instance_id, "wjj", now)
    request_id = request_of(db, instance_id)
    page = signed_in("office.staff").get(f"/information-requests/{request_id}").text
    assert "1/2" in page and "走访尘肺病患者家庭情况" in page and "未报送" in page
    zgh = signed_in("liaison.zgh").get(f"/information-requests/{request_id}").text
    assert "1/2" in zgh and "走访尘肺病患者家庭情况" not in zgh  # another unit's report is not its to read
    assert signed_in("liaison.mzj").get(f"/information-requests/{request_id}").status_code == 404
