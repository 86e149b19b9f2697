"""Text out of report files: decoding, Markdown, HTML, Word (.docx) and PDF.

Every function takes bytes or text and returns plain text in the shape the paragraph splitter in
`bot.core.knowledge.documents` reads: one line per line of the report, a blank line between blocks,
numbered items written "N. text" and bullet items "• text". Pure: nothing is read from disk.
python-docx and pypdf are imported only when a file of that kind is read.
"""

from __future__ import annotations

import codecs
import io
import re
from collections import Counter
from html.parser import HTMLParser


class DocumentError(ValueError):
    """A report file that cannot be read; the message is fit to show to the person who sent it."""


# Non-breaking and other odd spaces -> space; U+2011 non-breaking hyphen -> "-"; soft hyphens and
# zero-width characters removed (a soft hyphen is only a hyphenation hint, not part of the word).
_TRANSLATE = {**{c: " " for c in (0x09, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))},
              0x2011: "-", 0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n",
              **{c: None for c in (0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}}
_SOFT_BREAK = re.compile(r"\u00ad[ \t]*\r?\n[ \t]*")
NUMBERED = re.compile(r"(?:\((\d{1,3})\)|(\d{1,3}(?:\.\d{1,3})*)[.)]|(\d{1,3}(?:\.\d{1,3})+))(?:\s+|$)")
SYMBOL = r"[•▪◦●■➢►]\s*|[-*–—·]\s+"
BULLET = re.compile(rf"(?:(?P<symbol>{SYMBOL})|(?P<o>o\s+)"
                    rf"|(?P<label>\([a-z]{{1,2}}\)|\([ivx]{{1,5}}\)|[a-z]\)|[ivx]{{1,5}}\.|[a-z]\.)\s+)(?=\S)")
_HAS_BULLET = re.compile(rf"(?:{SYMBOL})(?=\S)")


def clean(text: str) -> str:
    """Unify line ends and the invisible or look-alike characters; curly quotes are left alone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SOFT_BREAK.sub("", text).translate(_TRANSLATE)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252, then latin-1."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DocumentError(f"cannot read this text file: {error}") from None
    if b"\x00" in data:
        raise DocumentError("cannot read this text file: it looks like a binary file, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# --- Markdown --------------------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_RULES = [
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$"), r"\1"),   # ATX heading
    (re.compile(r"^\s{0,3}>\s?"), ""),                               # block quote
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),                 # link / image -> its text
    (re.compile(r"`([^`]*)`"), r"\1"),                               # inline code
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__"), lambda m: m[1] or m[2]),
    (re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
]
_MD_TABLE = re.compile(r"^\s*\|.*\|\s*$")


def markdown_to_text(text: str) -> str:
    """Markdown markup removed line by line; list numbers and bullets are left for the splitter."""
    out = []
    for line in text.split("\n"):
        if _MD_TABLE.match(line):
            continue
        escapes: list[str] = []
        line = _MD_ESCAPE.sub(lambda m: escapes.append(m[1]) or f"\uE000{len(escapes) - 1}\uE001", line)
        for pattern, repl in _MD_RULES:
            line = pattern.sub(repl, line)
        out.append(re.sub("\uE000(\\d+)\uE001", lambda m: escapes[int(m[1])], line))
    return "\n".join(out)


# --- HTML ------------------------------------------------------------------------------------------

_BLOCKS = {"p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "section", "article", "header", "footer", "pre", "dl", "dt", "dd", "hr", "body", "main", "nav"}
_SKIPPED = {"script", "style", "head", "template", "noscript", "svg"}


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.buffer: list[str] = []
        self.lists: list[list] = []          # [ordered?, next number]
        self.prefix: tuple[str, int] | None = None
        self.skipping = 0
        self.pre = 0

    def flush(self) -> None:
        lines = "".join(self.buffer).split("\n")
        self.buffer = []
        text = "\n".join(line.strip() for line in lines if line.strip())
        if not text:
            return
        if self.prefix is not None:
            kind, number = self.prefix
            if kind == "number" and not NUMBERED.match(text):
                text = f"{number}. {text}"
            elif kind == "bullet" and not _HAS_BULLET.match(text):
                text = f"• {text}"
            self.prefix = None
        self.blocks.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.buffer.append("\n")
        elif tag in _BLOCKS:
            self.flush()
            self.pre += tag == "pre"
            values = dict(attrs)
            if tag in ("ol", "ul"):
                start = values.get("start") or "1"
                self.lists.append([tag == "ol", int(start) if start.strip().lstrip("-").isdigit() else 1])
            elif tag == "li" and self.lists:
                current = self.lists[-1]
                if (values.get("value") or "").strip().isdigit():
                    current[1] = int(values["value"])
                nested = len(self.lists) > 1
                self.prefix = ("number" if current[0] and not nested else "bullet", current[1])
                current[1] += 1
        elif tag in ("td", "th"):
            self.buffer.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.flush()
            if tag in ("li", "ol", "ul"):
                self.prefix = None
            if tag == "pre" and self.pre:
                self.pre -= 1
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
        elif tag in ("td", "th"):
            self.buffer.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.buffer.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_to_text(text: str) -> str:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.blocks)


# --- Word ------------------------------------------------------------------------------------------

def _numbering_formats(document) -> dict[tuple[str, str], tuple[str, int]]:
    """(numId, ilvl) -> (numFmt, start) from numbering.xml; empty when the file has none."""
    from docx.oxml.ns import qn

    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    val = qn("w:val")
    abstract = {}
    for node in root.iter(qn("w:abstractNum")):
        levels = {}
        for lvl in node.iter(qn("w:lvl")):
            fmt, start = lvl.find(qn("w:numFmt")), lvl.find(qn("w:start"))
            levels[lvl.get(qn("w:ilvl"))] = (fmt.get(val) if fmt is not None else "decimal",
                                             int(start.get(val)) if start is not None else 1)
        abstract[node.get(qn("w:abstractNumId"))] = levels
    formats = {}
    for num in root.iter(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        for ilvl, value in abstract.get(ref.get(val) if ref is not None else None, {}).items():
            formats[(num.get(qn("w:numId")), ilvl)] = value
    return formats


def _num_pr(paragraph):
    """The paragraph's numbering properties, from the paragraph itself or inherited from its style."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    while style is not None:
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None:
            return spr.numPr
        style = style.base_style
    return None


def _list_kind(paragraph, formats) -> tuple[str, str, int]:
    """("number"|"bullet"|"plain", list key, first number) for one Word paragraph.

    Rule: a numbering format of "bullet" is a bullet and "none" is plain text. Decimal numbering at
    level 0 is a paragraph number, counted per list (numId) from its start value; any other format,
    and every level below 0 (ilvl > 0), is a bullet kept inside the numbered paragraph above it.
    Without numbering.xml the level alone decides: ilvl 0 a number, deeper a bullet. Styles named
    "List Bullet…" are bullets, "List Number" a number and "List Number 2…" bullets.
    """
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    num_pr = _num_pr(paragraph)
    num_id = num_pr.numId.val if num_pr is not None and num_pr.numId is not None else None
    if num_id is None or num_id == 0:
        if style.startswith("List Bullet") or re.fullmatch(r"List Number \d+", style):
            return "bullet", style, 1
        return ("number", style, 1) if style == "List Number" else ("plain", "", 1)
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    fmt, start = formats.get((str(num_id), str(ilvl)), (None, 1))
    if fmt == "none":
        return "plain", "", 1
    deep = ilvl > 0 or style.startswith("List Bullet") or re.fullmatch(r"List Number \d+", style)
    if fmt == "bullet" or deep or (fmt is not None and not fmt.startswith("decimal")):
        return "bullet", str(num_id), start
    return "number", str(num_id), start


def docx_to_text(data: bytes) -> str:
    """Body paragraphs in order (tables, headers and footers are left out), Word numbering written out."""
    if not data.startswith(b"PK"):
        raise DocumentError("cannot read this Word file: it is not a .docx file (Word 2007 or later)")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        formats = _numbering_formats(document)
        counters: dict[str, int] = {}
        blocks = []
        for paragraph in document.paragraphs:
            text = clean(paragraph.text).strip()
            kind, key, start = _list_kind(paragraph, formats)
            if kind == "number":
                number = counters.get(key, start)
                counters[key] = number + 1
                if text and not NUMBERED.match(text):
                    text = f"{number}. {text}"
            elif kind == "bullet" and text and not _HAS_BULLET.match(text):
                text = f"• {text}"
            if text:
                blocks.append(text)
    except Exception as error:  # python-docx raises many kinds for a damaged or non-Word file
        raise DocumentError(f"cannot read this Word file: {_reason(error)}") from None
    return "\n\n".join(blocks)


# --- PDF -------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"(?:-\s*)?\d{1,4}(?:\s*-)?|(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?", re.I)
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\n(?=[a-z])")
_EDGE = 3


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers, and header/footer lines found at the top or bottom of two or more pages."""
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.casefold())

    def edges(lines: list[str]) -> set[int]:
        return set(range(min(_EDGE, len(lines)))) | set(range(max(0, len(lines) - _EDGE), len(lines)))

    seen = Counter(k for lines in pages
                   for k in {key(lines[i]) for i in edges(lines) if not NUMBERED.match(lines[i])})
    kept = []
    for lines in pages:
        edge = edges(lines)
        kept.append([line for i, line in enumerate(lines) if not _PAGE_NUMBER.fullmatch(line)
                     and not (i in edge and len(pages) > 1 and seen[key(line)] >= 2 and not NUMBERED.match(line))])
    return kept


def pdf_to_text(data: bytes) -> str:
    """Text of every page, running headers/footers dropped, hyphenated words mended.

    A blank line is put after a short line that ends a sentence, so that unnumbered reports still
    split into paragraphs; numbered lines and bullets start paragraphs in the splitter anyway.
    """
    if b"%PDF-" not in data[:1024]:
        raise DocumentError("cannot read this PDF: the file does not start like a PDF")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("cannot read this PDF: it is password-protected")
        raw = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds for a damaged or non-PDF file
        raise DocumentError(f"cannot read this PDF: {_reason(error)}") from None
    pages = [[" ".join(line.split()) for line in clean(text).split("\n")] for text in raw]
    pages = _drop_running_lines([[line for line in lines if line] for lines in pages])
    lines = [line for page in pages for line in page]
    text = _HYPHEN_BREAK.sub("", "\n".join(lines))
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines)
    typical = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out = []
    for line in lines:
        out.append(line)
        if line.endswith((".", "!", "?", ":")) and len(line) < 0.75 * typical:
            out.append("")
    return "\n".join(out)


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text if len(text) <= 160 else text[:159] + "…"
