"""Printing a request from its page (/documents/<id>): print.css leaves the document alone on
A4, the red head and the 版记 on it, the site's bars and buttons off it. The PDF is kept in
test-artifacts/ for a person to look at."""

from __future__ import annotations

import re
import subprocess

from joint_steps import issued_over_a_comment
from playwright.sync_api import expect
from request_steps import document_of, sent_with_dissent

from tests.browser.conftest import ARTIFACTS

A4_HEIGHT_PT = 841.92
PT_PER_MM = 72 / 25.4
WORD = re.compile(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')


def pdf_words(pdf: bytes) -> list[tuple[int, str, float]]:
    """(page, word, its bottom in pt from the top) of every word, as poppler's pdftotext reads them."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = boxes.decode().split("<page ")[1:]
    return [
        (number, text, float(bottom)) for number, page in enumerate(pages, 1) for bottom, text in WORD.findall(page)
    ]


def test_the_printed_request_is_the_document_alone(app, clock, page_as, live_server):
    document = document_of(app.extensions["lianxi"].db, sent_with_dissent(app.extensions["lianxi"].db, clock.now()))
    page = page_as("office.staff")
    page.goto(f"{live_server}/documents")
    page.click(f"#document-{document.id} h2 a")
    expect(page.locator("article.document")).to_contain_text("七星区人民政府：")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator("[data-print]")).to_be_hidden()
    expect(page.locator(".document-organ")).to_have_css("color", "rgb(255, 0, 0)")
    expect(page.locator(".document-record")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "document-print.pdf"), prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") <= 2
    assert_record_ends_a_page(pdf)


def assert_record_ends_a_page(pdf: bytes) -> None:
    """The 版记's 印发 line ends the last page at the foot of its type area (35 mm above the
    paper's edge, GB/T 9704-2012 7.4), not after the date; every page has its number."""
    words = pdf_words(pdf)
    pages = sorted({page for page, *_ in words})
    printed = [bottom for page, text, bottom in words if text.endswith("印发")]
    foot = A4_HEIGHT_PT - 35 * PT_PER_MM
    assert printed and abs(printed[-1] - foot) < 8, (printed, foot)
    assert [page for page, text, _ in words if text.endswith("印发")] == [pages[-1]]
    numbered = {page for page, text, bottom in words if text == "—" and bottom > foot}
    assert numbered == set(pages)


def test_the_printed_joint_document_heads_with_every_organ(app, clock, page_as, live_server):
    db = app.extensions["lianxi"].db
    document = document_of(db, issued_over_a_comment(db, clock.now()))
    page = page_as("office.staff")
    page.goto(f"{live_server}/documents/{document.id}")
    page.emulate_media(media="print")
    expect(page.locator(".document-organs td.document-body-name")).to_have_count(5)  # four organs and 文件
    expect(page.locator(".document-mark")).to_have_css("color", "rgb(255, 0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    assert_record_ends_a_page(page.pdf(path=str(ARTIFACTS / "joint-document-print.pdf"), prefer_css_page_size=True))
