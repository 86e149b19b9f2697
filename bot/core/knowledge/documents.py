"""Reports as numbered paragraphs: a .txt, .md, .html, .docx or .pdf file in, `Paragraph`s out.

The report's own paragraph numbers are kept ("1", "6", "2.3"); bullets and lettered items under a
numbered paragraph stay inside it, one per line, each line starting "• ". A report without any
numbering is split at blank lines and counted 1, 2, 3… Pure: bytes in, paragraphs out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from bot.core.knowledge import document_formats as formats
from bot.core.knowledge.document_formats import BULLET, NUMBERED, DocumentError, clean

__all__ = ["Paragraph", "DocumentError", "SUPPORTED", "read_document", "paragraphs_from_text",
           "document_heading"]

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


@dataclass(frozen=True)
class Paragraph:
    number: str   # the report's own number where it has one, else a running count "1", "2", …
    text: str     # whitespace-normalised; bullets on their own lines starting "• "


# Lines that are never report text: the e-TRIPS activity table's header and its empty-table note,
# separators ("_____", "* * *", "---") and bare page numbers ("- 3 -", "Page 3 of 7").
_JUNK = re.compile(r"(?:#\s*\|?\s*)?Title of programme or activity\b.*|There are currently no items in the database.*"
                   r"|#|Start date|End date|Beneficiary Members? or observers?|(?:[-_=*~•.]\s*){3,}"
                   r"|-\s*\d{1,4}\s*-|page\s+\d+(?:\s+of\s+\d+)?", re.I)


def _key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def _follows(previous: tuple[int, ...] | None, current: tuple[int, ...]) -> bool:
    """Whether `current` can be the next paragraph number after `previous` ("4" -> "5", "2" -> "2.1",
    "2.3" -> "3"; a gap of up to three is allowed). Used for numbered-looking lines that follow a line
    of text directly, so a wrapped line starting "12. " or "1.5 million" is not taken for a paragraph.
    """
    if previous is None:
        return True
    if len(current) == len(previous) + 1:
        return current[:-1] == previous and current[-1] == 1
    if len(current) > len(previous):
        return False
    depth = len(current) - 1
    return current[:-1] == previous[:depth] and previous[depth] < current[-1] <= previous[depth] + 3


def _classify(line: str) -> tuple[str, str, str]:
    """("number", number, text) | ("bullet", marker kind, text) | ("text", "", line)."""
    match = NUMBERED.match(line)
    if match:
        return "number", match[1] or match[2] or match[3], line[match.end():]
    match = BULLET.match(line)
    if match:
        kind = "symbol" if match["symbol"] else "o" if match["o"] else "label"
        return "bullet", kind, line[match.end():] if kind != "label" else line
    return "text", "", line


def _heading_like(line: str) -> bool:
    return len(line) <= 80 and not line.endswith((".", ":", ";", ",")) and not line[0].islower()


def paragraphs_from_text(text: str) -> list[Paragraph]:
    """Split plain text (already extracted from its file format) into paragraphs.

    A line "1.", "1)", "(1)", "10." or "2.3" starts a numbered paragraph; a numbered-looking line that
    directly follows text must be a plausible next number (see `_follows`), else it is wrapped text.
    Other lines continue the current line; after a blank line they start a new line of the same
    numbered paragraph. Bullet lines ("•", "-", "*", "–", "·", "o", "(a)", "a)", "i.") become "• …"
    lines of the current paragraph; lettered labels are kept ("• (a) …"). When the text has numbers,
    blocks before the first number (title, cover note) and short headings between numbered paragraphs
    are left out; when it has none, blank-line-separated blocks are counted 1, 2, 3…
    """
    lines = [" ".join(line.split()) for line in clean(text).split("\n")]
    lines = ["" if _JUNK.fullmatch(line) else line for line in lines]
    classified = [_classify(line) if line else None for line in lines]
    following = [None] * len(lines)          # index -> classification of the next non-blank line
    upcoming = None
    for i in range(len(lines) - 1, -1, -1):
        following[i] = upcoming
        upcoming = classified[i] or upcoming
    items: list[tuple[str | None, list[str]]] = []
    current: tuple[str | None, list[str]] | None = None
    last_number: tuple[int, ...] | None = None
    blank, previous = True, ("", "", "")
    for i, line in enumerate(lines):
        if not line:
            blank = True
            continue
        kind, label, body = classified[i]
        if kind == "number" and not (blank or current is None or current[0] is None
                                     or _follows(last_number, _key(label))):
            kind, body = "text", line
        if kind == "bullet" and label == "o" and not (blank or previous[0] == "bullet" or previous[2].endswith(":")):
            kind, body = "text", line
        if kind == "number":
            current = (label, [body])
            items.append(current)
            last_number = _key(label)
        elif kind == "bullet":
            if current is None:
                current = (None, [])
                items.append(current)
            current[1].append("• " + body)
        elif current is None or (blank and current[0] is None):
            current = (None, [body])
            items.append(current)
        elif blank:
            nxt = following[i]
            if _heading_like(line) and nxt is not None and nxt[0] == "number":
                current = (None, [body])          # a heading between numbered paragraphs: not kept
                items.append(current)
            else:
                current[1].append(body)
        else:
            current[1][-1] = f"{current[1][-1]} {body}".strip() if current[1] else body
        blank, previous = False, (kind, label, line)
    numbered = any(number is not None for number, _ in items)
    paragraphs = []
    for number, parts in items:
        body = "\n".join(part for part in parts if part)
        if body and (number is not None or not numbered):
            paragraphs.append(Paragraph(number or str(len(paragraphs) + 1), body))
    return paragraphs


def _extension(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in SUPPORTED:
        shown = suffix or "(none)"
        raise DocumentError(f"unsupported file type {shown}: use .txt, .md, .html, .docx or .pdf")
    return suffix


def _extract(data: bytes, filename: str) -> str:
    """The file's text, in the line shape `paragraphs_from_text` reads."""
    suffix = _extension(filename)
    if suffix == ".docx":
        return formats.docx_to_text(data)
    if suffix == ".pdf":
        return formats.pdf_to_text(data)
    text = clean(formats.decode_text(data))
    if suffix == ".md":
        return formats.markdown_to_text(text)
    if suffix in (".html", ".htm"):
        return formats.html_to_text(text)
    return text


def read_document(data: bytes, filename: str) -> list[Paragraph]:
    """The report's paragraphs; DocumentError for an unsupported, unreadable or empty file."""
    paragraphs = paragraphs_from_text(_extract(data, filename))
    if not paragraphs:
        hint = ": it may be a scanned image without a text layer" if filename.lower().endswith(".pdf") else ""
        raise DocumentError(f"no text found in {PurePath(filename).name or 'the file'}{hint}")
    return paragraphs


_MONTHS = {name: number for number, names in enumerate((
    "january janvier enero", "february février fevrier febrero", "march mars marzo", "april avril abril",
    "may mai mayo", "june juin junio", "july juillet julio", "august août aout agosto",
    "september septembre septiembre setiembre", "october octobre octubre",
    "november novembre noviembre", "december décembre decembre diciembre"), start=1) for name in names.split()}
_MONTH = r"([A-Za-zÀ-ÿ]+)"
_DATED = re.compile(r"\b(?:dated|datée? du|de fecha)\s+(?:(\d{1,2})(?:st|nd|rd|th|er)?\s+(?:de\s+)?" + _MONTH
                    + r"\s+(?:de\s+)?(\d{4})|" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
                    + r"|(\d{4})-(\d{2})-(\d{2}))", re.I)
_MEMBER = re.compile(r"\brequest of the (?:permanent )?(?:delegation|mission)s? of\s+(?:the\s+)?"
                     r"(.+?)(?:\.(?=\s|$)|;|$)", re.I)


def _heading_date(text: str) -> str | None:
    for match in _DATED.finditer(text):
        if match[7]:
            year, month, day = int(match[7]), int(match[8]), int(match[9])
        else:
            day, name, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
            month, day, year = _MONTHS.get(name.casefold()), int(day), int(year)
        try:
            return date(year, month or 0, day).isoformat()
        except ValueError:
            continue
    return None


def document_heading(data: bytes, filename: str) -> dict:
    """Best-effort {"title", "date" (YYYY-MM-DD), "member"} from the report's opening text.

    The title is the first non-empty line if shorter than 150 characters; date and member come from
    the WTO cover sentence "The following communication, dated 15 September 2021, is being circulated
    at the request of the delegation of X." Missing values are None. DocumentError as in read_document.
    """
    lines = [" ".join(line.split()) for line in clean(_extract(data, filename)).split("\n")]
    lines = [line for line in lines if line and not _JUNK.fullmatch(line)]
    title = lines[0] if lines and len(lines[0]) < 150 else None
    opening = " ".join(lines[:60])
    member = _MEMBER.search(opening)
    name = member[1].strip() if member else None
    if name and ", " in name and not re.search(r", China$", name):
        name = name.split(", ")[0]
    return {"title": title, "date": _heading_date(opening), "member": name or None}
