"""An inspection report (督查报告) as a .docx laid out as GB/T 9704-2012 lays out a document's
page (engine.documents.layout): the title, the addressee, the report's text with its headings,
the list of findings as an annex, the team as the signature and the day it was reported. It
goes to the office director inside the body: no red head and no number."""

from __future__ import annotations

from sqlalchemy.orm import Session

from engine.documents import layout, requests
from engine.inspections.models import Finding, Inspection
from engine.inspections.queries import findings_of


def report_docx(session: Session, inspection: Inspection) -> bytes:
    names = requests.unit_names(session, inspection.body_id)
    document = layout.new_document()
    layout.title(document, f"{inspection.title}报告")
    layout.paragraph(document, "联席会议办公室主任：", indent=False)
    for line in (line.strip() for line in inspection.report_text.splitlines()):
        if line:
            layout.text_line(document, line)
    found = [row.finding for row in findings_of(session, inspection, {})]
    if found:
        layout.heading(document, "附：督查发现问题清单", 1)
        for finding in found:
            layout.paragraph(document, finding_line(finding, names))
    layout.right_aligned(document, "联合督查组", lines_before=2)
    layout.right_aligned(document, layout.chinese_date(inspection.reported_at))
    layout.page_numbers(document)
    return layout.saved(document)


def finding_line(finding: Finding, names: dict[str, str]) -> str:
    unit = names.get(finding.responsible_unit, finding.responsible_unit)
    fixing = f"{layout.chinese_date(finding.fix_by)}前整改" if finding.fix_by else "无需整改"
    return f"{finding.number}．{finding.place}：{finding.problem.rstrip('。；;.')}。责任单位：{unit}；{fixing}。"
