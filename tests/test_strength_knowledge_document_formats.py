"""Text out of report files at the edges: odd spaces and invisible characters, Markdown bold, HTML
lists nested in lists and text after a <pre>, Word numbering the file does not define or a file with no
numbering at all, PDF lines repeated a little below the top of each page, and the length of the reason
a broken file's message gives."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bot.core.knowledge.document_formats import (DocumentError, clean, docx_to_text, html_to_text,
                                                 markdown_to_text, pdf_to_text)
from tests.test_documents import docx_bytes, make_pdf


def test_odd_spaces_become_spaces_and_invisible_characters_vanish():
    # tab, Ogham space mark, ideographic space, en quad (first of U+2000…U+200A), hair space (last of them)
    assert clean("a\tb\u1680c\u3000d\u2000e\u200af") == "a b c d e f"
    # zero-width space and zero-width non-joiner are not part of the word
    assert clean("in\u200bfor\u200cmation") == "information"


def test_markdown_bold_keeps_its_words():
    assert markdown_to_text("The **Patent Office** and __Customs__ helped.") == "The Patent Office and Customs helped."


def test_a_list_nested_in_a_numbered_list_item_gives_bullets_not_numbers():
    html = "<ol><li>Training<ol><li>for examiners</li><li>for judges</li></ol></li><li>Seminars</li></ol>"
    assert html_to_text(html) == "1. Training\n\n• for examiners\n\n• for judges\n\n2. Seminars"


def test_text_after_a_pre_block_has_its_spaces_collapsed_again():
    assert html_to_text("<pre>keep   these  spaces</pre><p>one   two\n   three</p>") == \
        "keep   these  spaces\n\none two three"


def _numbered(document, text: str, num_id: int, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        child = OxmlElement(tag)
        child.set(qn("w:val"), str(value))
        num_pr.append(child)
    paragraph._p.get_or_add_pPr().append(num_pr)


def test_word_numbering_the_file_does_not_define_counts_from_one_at_level_zero():
    document = docx.Document()
    for text in ("First", "Second"):
        _numbered(document, text, num_id=99)   # no w:num with numId 99 in numbering.xml
    assert docx_to_text(docx_bytes(document)) == "1. First\n\n2. Second"


def _rezipped(data: bytes, drop: str, relationships) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name == drop:
                continue
            body = source.read(name)
            if name == "word/_rels/document.xml.rels":
                body = relationships(body.decode()).encode()
            target.writestr(name, body)
    return out.getvalue()


def test_a_word_file_without_numbering_definitions_still_numbers_its_list_paragraphs():
    document = docx.Document()
    document.add_paragraph("First", style="List Number")
    document.add_paragraph("Second", style="List Number")
    data = _rezipped(docx_bytes(document), "word/numbering.xml",
                     lambda rels: re.sub(r"<Relationship [^>]*relationships/numbering\"[^>]*/>", "", rels))
    assert b"numbering" not in zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels")
    assert docx_to_text(data) == "1. First\n\n2. Second"


def test_a_line_repeated_on_the_fourth_line_of_two_pages_is_not_a_running_header():
    repeated = "Training was held for customs officers."
    pages = [[f"Page one line {n} of the report text that runs on." for n in range(3)] + [repeated]
             + [f"Page one line {n} of the report text that runs on." for n in range(4, 9)],
             [f"Page two line {n} of the report text that runs on." for n in range(3)] + [repeated]
             + [f"Page two line {n} of the report text that runs on." for n in range(4, 9)]]
    lines = pdf_to_text(make_pdf(pages)).split("\n")
    assert lines.count(repeated) == 2


def _reason_of_missing_part(name_length: int) -> str:
    """The reason docx_to_text gives for a file whose fonts part, named with `name_length` x's, is missing."""
    data = docx_bytes(docx.Document())
    broken = _rezipped(data, "word/fontTable.xml",
                       lambda rels: rels.replace('Target="fontTable.xml"', f'Target="{"x" * name_length}.xml"'))
    with pytest.raises(DocumentError) as error:
        docx_to_text(broken)
    message = str(error.value)
    assert message.startswith("cannot read this Word file: ")
    return message.removeprefix("cannot read this Word file: ")


def test_a_reason_of_up_to_160_characters_is_shown_whole_and_a_longer_one_is_cut_to_160():
    base = len(_reason_of_missing_part(10)) - 10    # the reason grows with the missing part's name
    whole = _reason_of_missing_part(160 - base)
    assert len(whole) == 160 and not whole.endswith("…") and "x" * (160 - base) in whole
    cut = _reason_of_missing_part(161 - base)
    assert len(cut) == 160 and cut.endswith("…")


def test_a_list_number_style_without_numbering_properties_still_numbers_from_one():
    document = docx.Document()
    style = document.styles["List Number"]
    num_pr = style.element.pPr.numPr
    num_pr.getparent().remove(num_pr)   # the style names a numbered list but defines no numbering
    document.add_paragraph("First", style="List Number")
    document.add_paragraph("Second", style="List Number")
    assert docx_to_text(docx_bytes(document)) == "1. First\n\n2. Second"
