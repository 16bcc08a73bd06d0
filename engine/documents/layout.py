"""The page of an official document as GB/T 9704-2012 lays it out, in python-docx: A4 and its
margins, the fonts by name, the red head and its rule, the title, the text, the signature, the
版记 at the foot of the last page and the page numbers (docs/DOCUMENTS.md).

python-docx sets only the Latin font by name; the Chinese one is the run's `w:eastAsia`, which
Word uses for every CJK character, so both are set on every run.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml import parse_xml as _xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Mm, Pt, RGBColor

from engine.confidentiality.levels import RESTRICTED
from engine.core.clock import as_aware

# The fonts the standard names (7.1), as Word and WPS know them; Latin text takes Times New Roman.
XIAOBIAOSONG = "方正小标宋简体"  # the head and the title
FANGSONG = "仿宋_GB2312"  # the text
HEITI = "黑体"  # headings of the first level
KAITI = "楷体_GB2312"  # headings of the second level
SONGTI = "宋体"  # page numbers
LATIN = "Times New Roman"
RED = RGBColor(0xFF, 0x00, 0x00)

SIZE_2 = Pt(22)  # 二号: the title
SIZE_3 = Pt(16)  # 三号: the text
SIZE_4 = Pt(14)  # 四号: the 版记 and page numbers
# 22 lines of 28 characters in the 225 mm high type area (5.2.2): a line every 28.95 pt.
LINE = Pt(28.95)
TYPE_WIDTH = Mm(156)  # 210 − 28 − 26
HEAD_SMALLEST = Pt(28)  # below it a head no longer stands out from the title
CHAR = SIZE_3  # one character of the text, the unit of its indents


def new_document() -> Document:
    document = Document()
    _page(document.sections[0])
    _normal_style(document)
    return document


def saved(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(section) -> None:
    """A4, type area 156 × 225 mm: top 37, bottom 35, left 28, right 26 mm (5.2.1)."""
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(35) - Mm(7) - SIZE_4  # the number 7 mm below the type area


def _normal_style(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.size = SIZE_3
    fonts(style.element.get_or_add_rPr(), FANGSONG)
    spacing = style.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)
    spacing.line_spacing_rule, spacing.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    spacing.widow_control = False  # the lines stay on the page grid


def fonts(rpr, east_asian: str, latin: str = LATIN) -> None:
    """Name both fonts of a run (or style) properties element."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attribute), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:hint"), "eastAsia")


def run(paragraph, text: str, font: str = FANGSONG, size=SIZE_3, color: RGBColor | None = None):
    added = paragraph.add_run(text)
    added.font.size = size
    if color is not None:
        added.font.color.rgb = color
    fonts(added._r.get_or_add_rPr(), font)
    return added


def paragraph(document, text: str = "", *, font: str = FANGSONG, size=SIZE_3, indent: bool = True):
    """A paragraph of the text: first line in by two characters (7.3.3)."""
    added = document.add_paragraph()
    if indent:
        added.paragraph_format.first_line_indent = CHAR * 2
    if text:
        run(added, text, font, size)
    return added


def centred(document, text: str, font: str, size, color: RGBColor | None = None, lines_before: float = 0):
    added = document.add_paragraph()
    added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    form = added.paragraph_format
    form.space_before = Pt(LINE.pt * lines_before)
    if size.pt > LINE.pt:  # a line as high as the type needs, not the text's grid
        form.line_spacing_rule, form.line_spacing = WD_LINE_SPACING.AT_LEAST, size
    run(added, text, font, size, color)
    return added


def marks_of(level: str) -> tuple[str, ...]:
    """The 密级 a document of that level carries in its head (7.2.2): 机密 for a restricted one;
    an internal or public one carries none (docs/CONFIDENTIALITY.md)."""
    return ("机密",) if level == RESTRICTED else ()


def head(document, organ: str, number: str, *, marks: tuple[str, ...] = (), signer: str = "") -> None:
    """版头 (7.2): `marks` (密级, 7.2.2) at the top left in 黑体, a line each; the issuing organ in
    red, as large as fits one line, 35 mm below the top of the type area, or 80 mm for a document
    going up (上行文, one with a 签发人); the number two lines under it, with the 签发人 beside it
    on a document going up; the red rule 4 mm under the number."""
    top_marks(document, marks)
    fitting = TYPE_WIDTH.pt * 0.95 / max(len(organ), 1)
    size = Pt(max(HEAD_SMALLEST.pt, min(42, int(fitting))))
    mark = centred(document, organ, XIAOBIAOSONG, size, RED)
    if fitting < size.pt:  # a long name is narrowed to one line, as offices do (字符缩放)
        _narrowed(mark.runs[0], int(100 * fitting / size.pt))
    mark.paragraph_format.space_before = head_distance(marks, upward=bool(signer))
    number_and_rule(document, number, signer)


def top_marks(document, marks: tuple[str, ...]) -> None:
    """份号, 密级 and 紧急程度 lines at the top left of the type area, in 黑体 (7.2.1–7.2.3)."""
    for mark in marks:
        run(document.add_paragraph(), mark, HEITI)


def head_distance(marks: tuple[str, ...], *, upward: bool = False) -> Emu:
    """The space before the head's first line: its top 35 mm (80 mm going up) below the top of
    the type area, where the marks above it and its own first line already stand a line each."""
    return Emu(max(Mm(80 if upward else 35) - LINE * (len(marks) + 1), 0))


def number_and_rule(document, number: str, signer: str = "") -> None:
    """发文字号 (7.2.4) two lines under the head, and the red rule 4 mm under it (7.2.6): centred,
    or on a document going up one character in from the left with "签发人：" and the signer's name
    in 楷体 one character in from the right (7.2.5)."""
    if not signer:
        numbered = centred(document, number, FANGSONG, SIZE_3, lines_before=2)
    else:
        numbered = document.add_paragraph()
        form = numbered.paragraph_format
        form.space_before, form.left_indent, form.right_indent = Pt(LINE.pt * 2), CHAR, CHAR
        form.tab_stops.add_tab_stop(TYPE_WIDTH - CHAR, alignment=2)  # 2: right
        run(numbered, f"{number}\t签发人：")
        run(numbered, signer, KAITI)
    red_rule(numbered)


def red_rule(paragraph) -> None:
    """分隔线 (7.2.6): the red rule 4 mm under the paragraph that ends the head."""
    _border(paragraph, "bottom", size=12, color="FF0000", space=Mm(4).pt)


def _narrowed(head_run, percent: int) -> None:
    scale = OxmlElement("w:w")
    scale.set(qn("w:val"), str(percent))
    head_run._r.get_or_add_rPr().insert_element_before(scale, "w:kern", "w:position", "w:sz", "w:szCs")


def title(document, text: str) -> None:
    """标题 (7.3.1): 二号小标宋, centred, two lines under the red rule, one line above the text."""
    added = centred(document, text, XIAOBIAOSONG, SIZE_2, lines_before=2)
    added.paragraph_format.space_after = LINE


def heading(document, text: str, level: int) -> None:
    """结构层次序数 (7.3.3): 一、 in 黑体, （一） in 楷体, both at the text's size and indent."""
    paragraph(document, text, font=HEITI if level == 1 else KAITI)


def right_aligned(document, text: str, lines_before: float = 0) -> None:
    """落款 and 成文日期 (7.3.5.1): right, four characters in from the edge of the type area."""
    added = document.add_paragraph()
    added.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    added.paragraph_format.right_indent = CHAR * 4
    added.paragraph_format.space_before = Pt(LINE.pt * lines_before)
    run(added, text)


def record_at_foot(document, lines: list[str], printed_by: str, printed_on: str) -> None:
    """版记 (7.4): 抄送 lines and the 印发 line in 四号仿宋 between rules, the first and last thicker
    (0.35 mm) than those between (0.25 mm). A table positioned at the foot of the type area, so
    that it ends the last page (Word and WPS place it so; LibreOffice 7 leaves it in the flow)."""
    table = document.add_table(rows=len(lines) + 1, cols=1)
    _at_foot(table._tbl.tblPr)
    for row, text in zip(table.rows, lines, strict=False):
        _record_line(row.cells[0].paragraphs[0], text)
    printed = _record_line(table.rows[-1].cells[0].paragraphs[0], printed_by)
    printed.paragraph_format.tab_stops.add_tab_stop(TYPE_WIDTH - SIZE_4 * 2, alignment=2)  # 2: right
    run(printed, f"\t{printed_on}印发", size=SIZE_4)
    document.add_paragraph()  # a document may not end with a table


def _at_foot(tblpr) -> None:
    """Position, width and rules of the 版记's table, each where the schema puts it in w:tblPr."""
    place = 'w:vertAnchor="margin" w:horzAnchor="margin" w:tblpYSpec="bottom" w:tblpXSpec="center"'
    rules = '<w:top w:val="single" w:sz="8"/><w:bottom w:val="single" w:sz="8"/><w:insideH w:val="single" w:sz="6"/>'
    margins = '<w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
    for element, successors in (
        (f"<w:tblpPr {nsdecls('w')} {place}/>", "w:tblOverlap w:bidiVisual w:tblStyleRowBandSize w:tblW"),
        (f"<w:tblBorders {nsdecls('w')}>{rules}</w:tblBorders>", "w:shd w:tblLayout w:tblCellMar w:tblLook"),
        (f"<w:tblCellMar {nsdecls('w')}>{margins}</w:tblCellMar>", "w:tblLook"),
    ):
        tblpr.insert_element_before(_xml(element), *successors.split())
    width = tblpr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(int(TYPE_WIDTH.twips)))
    width.set(qn("w:type"), "dxa")


def _record_line(paragraph, text: str):
    form = paragraph.paragraph_format
    form.first_line_indent = Pt(0)
    form.left_indent = form.right_indent = SIZE_4  # one character in on each side (7.4.2)
    run(paragraph, text, size=SIZE_4)
    return paragraph


def _border(paragraph, side: str, *, size: int, color: str = "000000", space: float = 0) -> None:
    """A rule along one side of the paragraph; `size` in eighths of a point."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = ppr.insert_element_before(OxmlElement("w:pBdr"), *AFTER_BORDERS.split())
    edge = OxmlElement(f"w:{side}")
    for name, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", str(int(space))), ("w:color", color)):
        edge.set(qn(name), value)
    borders.append(edge)


# What may follow w:pBdr in a w:pPr: the schema fixes the order, and Word refuses a file out of it.
AFTER_BORDERS = (
    "w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct w:topLinePunct w:autoSpaceDE "
    "w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents "
    "w:suppressOverlap w:jc w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle "
    "w:rPr w:sectPr w:pPrChange"
)


def page_numbers(document) -> None:
    """页码 (7.5): 四号半角宋体 "— 1 —" under the type area, odd pages on the right and even on
    the left, one character in from the edge."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, side) -> None:
    paragraph.alignment = side
    form = paragraph.paragraph_format
    form.left_indent = form.right_indent = SIZE_4
    run(paragraph, "— ", SONGTI, SIZE_4)
    _page_field(run(paragraph, "", SONGTI, SIZE_4))
    run(paragraph, " —", SONGTI, SIZE_4)


def _page_field(number_run) -> None:
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == "PAGE" else "w:t")
            element.text = text
        number_run._r.append(element)


# The levels of headings a body's text uses (一、 then （一）), set in 黑体 and 楷体 (7.3.3).
FIRST_LEVEL = re.compile(r"^[一二三四五六七八九十百]+、")
SECOND_LEVEL = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")


def text_line(document, line: str) -> None:
    """One line of a document's text: a heading of its level, or a paragraph."""
    if FIRST_LEVEL.match(line):
        heading(document, line, 1)
    elif SECOND_LEVEL.match(line):
        heading(document, line, 2)
    else:
        paragraph(document, line)


def chinese_date(day: date | datetime) -> str:
    """成文日期 as the 2012 standard writes it, in Arabic numerals without leading zeros (7.3.5.1)."""
    if isinstance(day, datetime):
        day = as_aware(day).date()
    return f"{day.year}年{day.month}月{day.day}日"
