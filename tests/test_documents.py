"""Reading reports into numbered paragraphs: txt, md, html, docx and pdf built in the tests themselves."""

from __future__ import annotations

import io
import textwrap
import time

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, settings, strategies as st

from bot.core.knowledge.documents import (SUPPORTED, DocumentError, Paragraph, document_heading,
                                          paragraphs_from_text, read_document)

TITLE = "Technical Cooperation Activities: Information from Members"
COVER = ("The following communication, dated 15 September 2021 is being circulated at the request of the "
         "delegation of the United States of America.")
TABLE_HEADER = "# Title of programme or activity Start date Beneficiary Members or observers"
TABLE_EMPTY = "There are currently no items in the database"
SIX = ("In 2020, the “IP Attaché Program” worked with officials in beneficiary Members to strengthen "
       "border enforcement; it held 12 workshops (some online).")
TEXTS = {
    1: "This report describes the technical and financial cooperation activities of the United States of "
       "America relating to the protection and enforcement of intellectual property rights.",
    2: "The United States Government provides assistance through several agencies.",
    3: "The reporting period is 1 January 2020 to 31 December 2020.",
    4: "Contact point: Office of Policy and International Affairs, USPTO.",
    5: "The USPTO’s Global Intellectual Property Academy (GIPA) offered programmes on:",
    6: SIX,
    7: "Training on the examination of pharmaceutical patents was held for examiners from developing "
       "country Members.",
    8: "Activities with least-developed country Members addressed their priority needs under Article 66.2.",
    9: "The United States also supports regional IP offices, such as ARIPO & OAPI.",
    10: "Further information is available from the following sources:",
}
BULLETS = {
    5: ["patents", "trademarks", "copyright and related rights", "geographical indications",
        "industrial designs", "enforcement of IP rights", "plant variety protection", "trade secrets",
        "IP office administration"],
    10: ["the USPTO website", "the e-TRIPS Gateway", "the WTO TRIPS Council documents"],
}


def expected() -> list[Paragraph]:
    return [Paragraph(str(n), "\n".join([TEXTS[n], *("• " + b for b in BULLETS.get(n, []))])) for n in TEXTS]


def check_report(paragraphs: list[Paragraph]) -> None:
    assert [p.number for p in paragraphs] == [str(n) for n in range(1, 11)]
    six = paragraphs[5]
    assert six.number == "6" and six.text.startswith("In 2020, the “IP Attaché Program”") and six.text == SIX
    five = paragraphs[4].text.split("\n")
    assert five[0] == TEXTS[5] and len(five[1:]) == 9 and all(line.startswith("• ") for line in five[1:])
    assert paragraphs == expected()


# --- plain text ------------------------------------------------------------------------------------

MARKERS = ["•", "-", "*", "–", "·", "o", "•", "-", "•"]


def report_txt() -> str:
    lines = [TITLE, "", COVER, "", "_______________", ""]
    for n, text in TEXTS.items():
        label = {3: "3)", 4: "   4.", 7: "(7)"}.get(n, f"{n}.")
        lines += [f"{label} {line}" if i == 0 else line
                  for i, line in enumerate(textwrap.wrap(text, 70, break_on_hyphens=False))]
        lines += [f"    {MARKERS[i]} {bullet}" for i, bullet in enumerate(BULLETS.get(n, []))]
        lines.append("")
    return "\n".join(lines + [TABLE_HEADER, TABLE_EMPTY, ""])


def test_txt_report():
    check_report(read_document(report_txt().encode("utf-8"), "IP-C-R-TC-USA.txt"))


def test_txt_encodings_and_line_ends():
    text = report_txt().replace("\n", "\r\n")
    check_report(read_document(b"\xef\xbb\xbf" + text.encode("utf-8"), "r.txt"))
    check_report(read_document(text.encode("cp1252"), "r.TXT"))
    assert read_document("1. Caf\xe9 \x81".encode("latin-1"), "r.txt") == [Paragraph("1", "Café \x81")]
    assert read_document("1. Line\u2028two".encode("utf-16"), "r.txt") == [Paragraph("1", "Line two")]


def test_whitespace_is_normalised_and_quotes_kept():
    text = "1.\u00a0Non\u2011breaking  and\tsoft\u00adhyphen, zero\u200bwidth \u201cquoted\u201d ‘too’\n   next\u00a0line"
    assert paragraphs_from_text(text) == [
        Paragraph("1", "Non-breaking and softhyphen, zerowidth \u201cquoted\u201d ‘too’ next line")]


def test_lettered_items_stay_inside_the_paragraph_with_their_labels():
    text = "4. Members should:\n(a) notify;\nb) report, and\ncontinue here;\ni. publish.\n5. Next."
    assert paragraphs_from_text(text) == [
        Paragraph("4", "Members should:\n• (a) notify;\n• b) report, and continue here;\n• i. publish."),
        Paragraph("5", "Next.")]


def test_sub_numbers_and_wrapped_lines_that_look_numbered():
    text = ("2. Intro\n2.1 First part\n2.2. Second part reaching\n1.5 million people and\n12. more people\n"
            "3. Third\n\nHEADING BETWEEN PARAGRAPHS\n\n4. Fourth\n\nA second block of paragraph four.")
    assert paragraphs_from_text(text) == [
        Paragraph("2", "Intro"), Paragraph("2.1", "First part"),
        Paragraph("2.2", "Second part reaching 1.5 million people and 12. more people"),
        Paragraph("3", "Third"), Paragraph("4", "Fourth\nA second block of paragraph four.")]


def test_unnumbered_text_is_split_at_blank_lines():
    text = f"{TITLE}\n\n{COVER}\n\nFirst block\nwrapped.\n\n- a bullet\n- another\n\nLast block."
    assert paragraphs_from_text(text) == [
        Paragraph("1", TITLE), Paragraph("2", COVER),
        Paragraph("3", "First block wrapped.\n• a bullet\n• another"), Paragraph("4", "Last block.")]


def test_empty_and_unsupported_files():
    for data, name in [(b"", "r.txt"), (b"  \n\n\t", "r.md"), (f"{TABLE_HEADER}\n{TABLE_EMPTY}".encode(), "r.txt"),
                       (b"<html><script>x()</script></html>", "r.html")]:
        with pytest.raises(DocumentError, match=f"no text found in {name}"):
            read_document(data, name)
    for name in ["report.xyz", "report.doc", "report"]:
        with pytest.raises(DocumentError, match=r"unsupported file type (\.xyz|\.doc|\(none\)): use .txt, .md, "
                                                r"\.html, \.docx or \.pdf"):
            read_document(b"1. text", name)
    with pytest.raises(DocumentError, match="cannot read this text file: it looks like a binary file"):
        read_document(b"\x00\x01binary", "renamed.txt")
    assert SUPPORTED == (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def test_two_hundred_paragraphs_read_quickly():
    text = "\n\n".join(f"{n}. Paragraph {n} text " + "word " * 60 + "\n• a bullet" for n in range(1, 201))
    start = time.perf_counter()
    paragraphs = read_document(text.encode(), "big.txt")
    assert time.perf_counter() - start < 0.2
    assert len(paragraphs) == 200 and paragraphs[-1].number == "200"


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 50), st.lists(st.text(st.characters(categories=("L", "N", "P", "S", "Zs"),
                                                          exclude_characters="\u2011"), min_size=1), min_size=1,
                                    max_size=30).map(lambda ts: [" ".join(t.split()) for t in ts if t.split()])
       .filter(bool))
def test_numbered_lines_round_trip(start, texts):
    """Invariant: consecutive "N. text" lines (any start, one non-empty single-spaced line each) come back
    as exactly those paragraphs, with the same numbers and texts, whatever the texts contain."""
    text = "\n".join(f"{start + i}. {t}" for i, t in enumerate(texts))
    assert paragraphs_from_text(text) == [Paragraph(str(start + i), t) for i, t in enumerate(texts)]


# --- Markdown and HTML -----------------------------------------------------------------------------

def report_md() -> str:
    markup = {2: "The United States Government provides assistance through **several agencies**.",
              9: "The United States also supports regional IP offices, such as [ARIPO](https://www.aripo.org) & _OAPI_.",
              7: TEXTS[7].replace("pharmaceutical", "*pharmaceutical*")}
    lines = [f"# {TITLE}", "", COVER, "", "---", ""]
    for n, text in TEXTS.items():
        lines += [f"{n}. {markup.get(n, text)}", ""]
        lines += [f"    {'-*'[i % 2]} {bullet}" for i, bullet in enumerate(BULLETS.get(n, []))] + [""]
    return "\n".join(lines + [TABLE_HEADER, "", TABLE_EMPTY])


def test_markdown_report():
    check_report(read_document(report_md().encode(), "report.md"))


def test_markdown_escapes_and_code():
    assert paragraphs_from_text("x") == [Paragraph("1", "x")]
    assert read_document(b"1\\. Not a list \\*literal\\* `code`", "r.md") == [Paragraph("1", "Not a list *literal* code")]


def report_html(split_list: bool = False) -> str:
    items = []
    for n, text in TEXTS.items():
        text = text.replace("&", "&amp;").replace("“", "&ldquo;").replace("”", "&#8221;")
        bullets = "".join(f"<li>{b}</li>" for b in BULLETS.get(n, []))
        items.append(f"<li><p>{text}</p>{f'<ul>{bullets}</ul>' if bullets else ''}</li>")
    body = (f"<ol>{''.join(items[:5])}</ol><h2>More</h2><ol start=\"6\">{''.join(items[5:])}</ol>"
            if split_list else f"<ol>\n{''.join(items)}\n</ol>")
    return (f"<html><head><title>ignored</title><style>p {{color: red}}</style></head><body>"
            f"<h1>{TITLE}</h1><p>{COVER.replace('America.', '<br>America.')}</p><script>var x = '1. no';</script>"
            f"{body}<table><tr><th>#</th><th>Title of programme or activity</th><th>Start date</th>"
            f"<th>Beneficiary Members or observers</th></tr><tr><td colspan=4>{TABLE_EMPTY}</td></tr></table>"
            f"</body></html>")


@pytest.mark.parametrize("split_list", [False, True])
def test_html_report(split_list):
    check_report(read_document(report_html(split_list).encode(), "report.html"))


def test_html_own_numbers_win_and_value_attribute():
    html = "<ol><li>7. Own number</li><li value='9'>Nine</li><li>Ten</li></ol><ul><li>• Dot</li></ul>"
    assert read_document(html.encode(), "r.htm") == [
        Paragraph("7", "Own number"), Paragraph("9", "Nine"), Paragraph("10", "Ten\n• Dot")]


# --- Word ------------------------------------------------------------------------------------------

def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_docx(styled: bool) -> bytes:
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph(COVER)
    for n, text in TEXTS.items():
        if styled:
            document.add_paragraph(text, style="List Number")
        else:
            document.add_paragraph(f"{n}.\t{text}")
        for bullet in BULLETS.get(n, []):
            document.add_paragraph(bullet, style="List Bullet") if styled else document.add_paragraph(f"•\t{bullet}")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Title of programme or activity", "Start date"
    table.cell(1, 0).text = "11. A table cell is not a paragraph"
    document.add_paragraph(TABLE_EMPTY)
    return docx_bytes(document)


@pytest.mark.parametrize("styled", [False, True])
def test_docx_report(styled):
    check_report(read_document(report_docx(styled), "report.docx"))


def test_docx_numbering_levels():
    """numPr at level 0 of a decimal list is a running number per list; level 1 is a bullet."""
    document = docx.Document()
    for text, level in [("First", 0), ("Sub item", 1), ("Second", 0), ("3. Own number", 0), ("Fourth", 0)]:
        paragraph = document.add_paragraph(text)
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", level), ("w:numId", 5)):     # numId 5: the template's List Number
            child = OxmlElement(tag)
            child.set(qn("w:val"), str(value))
            num_pr.append(child)
        paragraph._p.get_or_add_pPr().append(num_pr)
    assert read_document(docx_bytes(document), "r.docx") == [
        Paragraph("1", "First\n• Sub item"), Paragraph("2", "Second"), Paragraph("3", "Own number"),
        Paragraph("4", "Fourth")]


def test_corrupt_docx():
    for data in [b"PK\x03\x04 not really a zip", b"plain text renamed", report_docx(True)[:300]]:
        with pytest.raises(DocumentError, match="^cannot read this Word file: ."):
            read_document(data, "broken.docx")


# --- PDF -------------------------------------------------------------------------------------------

def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one page per list of lines, Helvetica (WinAnsi) text in one BT/ET block."""
    def literal(line: str) -> str:
        raw = line.encode("cp1252")
        return "(" + "".join(chr(b) if 32 <= b < 127 and b not in b"()\\" else f"\\{b:03o}" for b in raw) + ")"

    objects: list[str | bytes] = ["<< /Type /Catalog /Pages 2 0 R >>", "",
                                  "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        ops = ["BT /F1 10 Tf 13 TL 60 770 Td"] + [f"{'T* ' if i else ''}{literal(line)} Tj" for i, line in enumerate(lines)]
        stream = "\n".join(ops + ["ET"]).encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + (body if isinstance(body, bytes) else body.encode()) + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def report_pdf() -> bytes:
    lines = [TITLE, *textwrap.wrap(COVER, 80)]
    for n, text in TEXTS.items():
        wrapped = textwrap.wrap(f"{n}. {text}", 80, break_on_hyphens=False)
        if n == 1:     # "protection" hyphenated across two lines
            wrapped = ["1. This report describes the technical and financial cooperation activities",
                       "of the United States of America relating to the protec-",
                       "tion and enforcement of intellectual property rights."]
        lines += wrapped + [f"• {bullet}" for bullet in BULLETS.get(n, [])]
    lines += [TABLE_HEADER[2:], TABLE_EMPTY]
    cut = lines.index(next(line for line in lines if line.startswith("6."))) + 1   # page break inside paragraph 6
    header = "IP/C/R/TC/USA"
    return make_pdf([[header, *lines[:cut], "- 1 -"], [header, *lines[cut:], "- 2 -"]])


def test_pdf_report():
    data = report_pdf()
    check_report(read_document(data, "report.pdf"))
    assert document_heading(data, "report.pdf") == {
        "title": TITLE, "date": "2021-09-15", "member": "United States of America"}


def test_pdf_repeated_footer_dropped_and_unnumbered_paragraphs():
    pages = [["Annual report", "Our first paragraph is long enough to wrap onto a second line of",
              "text here.", "A second short paragraph.", "Report of the Kingdom - confidential"],
             ["A third paragraph on page two.", "Report of the Kingdom - confidential", "Page 2 of 2"]]
    assert read_document(make_pdf(pages), "r.pdf") == [
        Paragraph("1", "Annual report Our first paragraph is long enough to wrap onto a second line of text here."),
        Paragraph("2", "A second short paragraph."), Paragraph("3", "A third paragraph on page two.")]


def test_corrupt_and_empty_pdf():
    for data in [b"%PDF-1.4 garbage", report_pdf()[:400], b"not a pdf at all"]:
        with pytest.raises(DocumentError, match="^cannot read this PDF: ."):
            read_document(data, "broken.pdf")
    with pytest.raises(DocumentError, match="no text found in blank.pdf"):
        read_document(make_pdf([[]]), "blank.pdf")


# --- document_heading ------------------------------------------------------------------------------

@pytest.mark.parametrize("name,data", [
    ("r.txt", report_txt().encode()), ("r.md", report_md().encode()), ("r.html", report_html().encode()),
    ("r.docx", report_docx(True))])
def test_heading_of_each_format(name, data):
    assert document_heading(data, name) == {"title": TITLE, "date": "2021-09-15", "member": "United States of America"}


@pytest.mark.parametrize("text,expected", [
    ("The following communication, dated 3 March 2020, is being circulated at the request of the delegation "
     "of Japan.", {"date": "2020-03-03", "member": "Japan"}),
    ("Communication dated March 3rd, 2020 circulated at the request of the delegation of Hong Kong, China.",
     {"date": "2020-03-03", "member": "Hong Kong, China"}),
    ("La communication datée du 1er avril 2019 est distribuée.", {"date": "2019-04-01", "member": None}),
    ("dated 31 February 2020 at the request of the Permanent Mission of the European Union, on behalf of its "
     "member States.", {"date": None, "member": "European Union"}),
])
def test_heading_date_and_member(text, expected):
    heading = document_heading(f"Report\n{text}".encode(), "r.txt")
    assert heading == {"title": "Report", **expected}


def test_heading_without_a_short_title():
    assert document_heading(("x " * 100).encode(), "r.txt") == {"title": None, "date": None, "member": None}
