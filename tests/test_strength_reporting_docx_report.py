"""The Word document as a reader opens it: the A4 pages and the landscape section for a wide table, the
heading block and its styles, the narrative's headings, numbered paragraphs, bullets and emphasis, and the
table's header row, cells, column widths that fill the text width, and the empty-table line."""

import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from bot.core.periods import Period
from bot.core.report import COLUMNS, NO_ITEMS, Report, Row
from bot.core.reporting.docx_report import COUNCIL, TITLE, to_docx, with_article
from bot.core.reporting.filed import FiledRow, FiledTable

PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
ROWS = (FiledRow(Row(1, "Border workshop", date(2025, 10, 2), "Haiti, Peru"), date(2025, 10, 4), "CBP", "Customs",
                 ("Border enforcement",), "in-person"),
        FiledRow(Row(2, "Seminar", date(2026, 1, 15), "Peru"), None, "USPTO", "USPTO", (), "virtual"))


def _table(rows=ROWS, columns=(), member="United States of America") -> FiledTable:
    report = Report(member, date(2026, 10, 1), PERIOD, tuple(r.row for r in rows), (), (), 0)
    return FiledTable(report, tuple(rows), tuple(columns))


def _open(table: FiledTable, narrative: str = ""):
    return Document(io.BytesIO(to_docx(table, narrative)))


def _cm(length) -> float:
    return round(length / Cm(1), 2)


def test_pages_are_a4_portrait_with_25_mm_margins_and_the_body_is_verdana_9():
    document = _open(_table())
    [section] = document.sections
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert (_cm(section.page_width), _cm(section.page_height)) == (21.0, 29.7)
    assert {_cm(getattr(section, side)) for side in ("left_margin", "right_margin", "top_margin",
                                                     "bottom_margin")} == {2.5}
    normal = document.styles["Normal"]
    assert normal.font.name == "Verdana" and normal.font.size == Pt(9)
    assert normal.paragraph_format.space_after == Pt(6)


def test_the_heading_block_reads_as_a_communication_to_the_council():
    paragraphs = _open(_table()).paragraphs
    date_line, council, title, member, rule, circulated, rule2 = paragraphs[:7]
    assert date_line.text == "1 October 2026" and date_line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert not date_line.runs[0].bold and date_line.paragraph_format.space_before == 0
    assert (council.text, council.runs[0].bold, council.alignment) == (COUNCIL, True, WD_ALIGN_PARAGRAPH.CENTER)
    assert council.paragraph_format.space_before == 0
    assert (title.text, title.runs[0].bold, title.paragraph_format.space_before) == (TITLE, True, Pt(12))
    assert (member.text, member.runs[0].bold) == ("UNITED STATES OF AMERICA", True)
    assert member.paragraph_format.space_before == Pt(12)
    assert rule.text == rule2.text == "_" * 15 and not rule.runs[0].bold
    assert rule.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert circulated.text == ("The following communication, dated 1 October 2026, is being circulated at the "
                               "request of the delegation of the United States of America.")
    assert circulated.runs[0].italic and circulated.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_member_names_take_the_article_as_wto_documents_write_them():
    assert with_article("United States of America") == "the United States of America"
    assert with_article("European Union") == "the European Union"
    assert with_article("Japan") == "Japan"
    paragraphs = _open(_table(member="Japan")).paragraphs
    assert paragraphs[5].text.endswith("the delegation of Japan.")


def test_the_narrative_has_headings_numbered_paragraphs_bullets_and_emphasis():
    narrative = "# Overview\n\nWe **trained** *officers*.\n\n- one\n- two\n\n### Third level\n\n#### Deeper\n\nAgain."
    paragraphs = _open(_table(), narrative).paragraphs[7:]
    shown = [(p.style.name, p.text) for p in paragraphs]
    assert shown[:7] == [("Heading 1", "Overview"), ("Normal", "1.\tWe trained officers."),
                         ("List Bullet", "one"), ("List Bullet", "two"), ("Heading 3", "Third level"),
                         ("Heading 3", "Deeper"), ("Normal", "2.\tAgain.")]
    numbered = paragraphs[1]
    assert [(r.text, r.bold, r.italic) for r in numbered.runs] == [
        ("1.\t", None, None), ("We ", None, None), ("trained", True, None), (" ", None, None),
        ("officers", None, True), (".", None, None)]
    layout = numbered.paragraph_format
    assert (_cm(layout.left_indent), _cm(layout.first_line_indent)) == (1.0, -1.0)
    assert [_cm(stop.position) for stop in layout.tab_stops] == [1.0]
    assert numbered.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert shown[7] == ("Heading 2", "Technical cooperation activities, September 2025 – September 2026")


def _cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _row_flags(row) -> list[str]:
    return [child.tag.split("}")[1] for child in row._tr.trPr]


def test_the_table_has_a_bold_shaded_repeating_header_and_the_rows():
    document = _open(_table())
    [table] = document.tables
    assert _cells(table) == [list(COLUMNS), ["1", "Border workshop", "2 October 2025", "Haiti, Peru"],
                             ["2", "Seminar", "15 January 2026", "Peru"]]
    header = table.rows[0]
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs if run.text)
    assert all(len(cell.paragraphs) == 1 for cell in header.cells)
    assert [cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) for cell in header.cells] == ["D9E2F3"] * 4
    assert _row_flags(header) == ["cantSplit", "tblHeader"]  # the order the Word schema requires
    assert [_row_flags(row) for row in table.rows[1:]] == [["cantSplit"], ["cantSplit"]]


def _widths(table) -> list[list[float]]:
    return [[_cm(cell.width) for cell in row.cells] for row in table.rows]


def test_four_columns_fill_the_portrait_text_width_with_a_narrow_number_and_a_wide_title():
    document = _open(_table())
    [table] = document.tables
    assert len(document.sections) == 1
    widths = _widths(table)
    assert all(row == widths[0] for row in widths)
    number, title, *rest = widths[0]
    assert (number, title) == (1.0, 7.5) and len(set(rest)) == 1
    assert abs(sum(widths[0]) - (21 - 2 * 2.5)) < 0.02
    assert [_cm(column.width) for column in table.columns] == widths[0]


def test_a_wider_table_goes_in_a_landscape_section_and_fills_its_text_width():
    for columns in (("agency",), ("end_date", "agency", "topics", "format")):
        document = _open(_table(columns=columns))
        portrait, landscape = document.sections
        assert portrait.orientation == WD_ORIENT.PORTRAIT and landscape.orientation == WD_ORIENT.LANDSCAPE
        assert (_cm(landscape.page_width), _cm(landscape.page_height)) == (29.7, 21.0)
        assert _cm(landscape.left_margin) == 2.5
        [table] = document.tables
        widths = _widths(table)[1]
        assert len(widths) == 4 + len(columns)
        number, title, *rest = widths
        assert (number, title) == (1.0, 7.0) and len(set(rest)) == 1
        assert abs(sum(widths) - (29.7 - 2 * 2.5)) < 0.02


def test_an_empty_table_says_so_across_all_its_columns():
    document = _open(_table(rows=()))
    [table] = document.tables
    assert len(table.rows) == 2
    empty = table.rows[1]
    assert [cell.text for cell in empty.cells] == [NO_ITEMS] * 4
    assert len({id(cell._tc) for cell in empty.cells}) == 1  # one cell spanning the row
    assert abs(_cm(empty.cells[0].width) - (21 - 2 * 2.5)) < 0.02  # as wide as the table
    assert _row_flags(empty) == ["cantSplit"]
