"""The Article 67 report as a Word document, laid out like a Member's communication to the TRIPS Council
(pure: a FiledTable and the narrative text in, the .docx bytes out).

A heading block (the Council, the title, the Member), the line saying at whose request the
communication is circulated, the narrative in numbered paragraphs, then the e-TRIPS table, whose
header row repeats on every page; a table wider than four columns goes in a landscape section.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from bot.core.periods import long_date
from bot.core.report import NO_ITEMS
from bot.core.reporting.filed import FiledTable, inline_runs, narrative_blocks, text_cells, xml_text

COUNCIL = "COUNCIL FOR TRADE-RELATED ASPECTS OF INTELLECTUAL PROPERTY RIGHTS"
TITLE = "TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS"
CIRCULATED = ("The following communication, dated {date}, is being circulated at the request of the "
              "delegation of {member}.")
TABLE_HEADING = "Technical cooperation activities, {period}"
PORTRAIT_COLUMNS = 4  # wider tables go in a landscape section
RULE = "_" * 15
# Members whose name takes "the" in a sentence, as WTO documents write them
_WITH_ARTICLE = ("United ", "European ", "Republic of ", "Russian ", "Kingdom of ", "Netherlands", "Philippines",
                 "Czech ", "Slovak ", "Kyrgyz ", "Dominican ", "Central African ", "Gambia", "Bahamas", "Maldives",
                 "Separate Customs Territory", "Lao People's", "Democratic Republic", "Plurinational", "Bolivarian",
                 "Former ", "Holy See", "Comoros", "Solomon ", "Marshall ", "Seychelles")


def with_article(member: str) -> str:
    """'the United States of America', 'the European Union', 'Japan'."""
    return f"the {member}" if member.startswith(_WITH_ARTICLE) else member


def to_docx(table: FiledTable, narrative: str = "") -> bytes:
    report = table.report
    document = Document()
    _page(document.sections[0], landscape=False)
    _styles(document)
    _centred(document, long_date(report.date), align=WD_ALIGN_PARAGRAPH.RIGHT)
    _centred(document, COUNCIL, bold=True)
    _centred(document, TITLE, bold=True, space_before=12)
    _centred(document, xml_text(report.member.upper()), bold=True, space_before=12)
    _centred(document, RULE)
    circulated = document.add_paragraph()
    circulated.add_run(CIRCULATED.format(date=long_date(report.date),
                                         member=xml_text(with_article(report.member)))).italic = True
    circulated.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _centred(document, RULE)
    _narrative(document, narrative)
    wide = len(table.headers) > PORTRAIT_COLUMNS
    if wide:
        _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    document.add_heading(TABLE_HEADING.format(period=report.period_label), level=2)
    _table(document, table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(section, *, landscape: bool) -> None:
    """A4, portrait or landscape, 2.5 cm margins."""
    short, long = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Verdana"
    normal.font.size = Pt(9)
    normal.paragraph_format.space_after = Pt(6)


def _centred(document, text: str, *, bold: bool = False, space_before: int = 0,
             align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(space_before)


def _narrative(document, text: str) -> None:
    """Headings as headings; paragraphs numbered 1., 2., … with a hanging indent; list items bulleted."""
    for block in narrative_blocks(text):
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 3))
            continue
        if block.kind == "item":
            paragraph = document.add_paragraph(style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{block.level}.\t")
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.first_line_indent = Cm(-1)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for words, bold, italic in inline_runs(block.text):
            run = paragraph.add_run(words)
            run.bold, run.italic = bold or None, italic or None


def _table(document, table: FiledTable) -> None:
    headers = table.headers
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = grid.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, headers):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, "D9E2F3")
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, text_cells(table, row)):
            cell.text = text
    if not table.rows:  # e-TRIPS's words for an empty list, across the table
        merged = grid.add_row().cells
        cell = merged[0].merge(merged[-1]) if len(merged) > 1 else merged[0]
        cell.text = NO_ITEMS
    widths = _widths(len(headers))
    for column, width in zip(grid.columns, widths):
        column.width = width
    for row in grid.rows:
        _cant_split(row)
        if len({id(cell._tc) for cell in row.cells}) == len(widths):  # not the merged row of an empty table
            for cell, width in zip(row.cells, widths):
                cell.width = width


def _widths(count: int) -> list:
    """# narrow, the title widest; the rest share what is left of the text width."""
    usable = 24.7 if count > PORTRAIT_COLUMNS else 16.0
    number, title = 1.0, (7.0 if count > PORTRAIT_COLUMNS else 7.5)
    rest = (usable - number - title) / (count - 2)
    return [Cm(number), Cm(title)] + [Cm(rest)] * (count - 2)


def _repeat_as_header(row) -> None:
    """Word repeats this row at the top of every page the table runs onto (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    properties.insert(0, flag)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
