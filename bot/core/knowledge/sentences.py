"""Sentences of a report's paragraph, and quotes cut from them word for word."""

from __future__ import annotations

import re

QUOTE_LIMIT = 300  # characters of a quote, "…" included
ELLIPSIS = "…"
# a full stop that does not end a sentence: "U.S.", "e.g.", "No. 5", "Dr. Smith", an initial "J."
_ABBREVIATIONS = {"e.g", "i.e", "etc", "no", "nos", "dr", "mr", "mrs", "ms", "st", "art", "arts", "para",
                  "paras", "fig", "vol", "inc", "ltd", "co", "corp", "jr", "sr", "vs", "cf", "approx", "dept"}
_END = re.compile(r"[.!?;:](?:[\"”’')\]]*)(?=\s+)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`: lines are separate sentences (a bullet is one), and a
    line splits after '.', '!', '?', ';' or ':' followed by a space, unless the full stop ends an
    abbreviation ("U.S. Government", "e.g. patents"). Spans are trimmed of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for match in _END.finditer(line):
            end = match.end()
            if match.group(0)[0] == "." and _is_abbreviation(line, match.start()):
                continue
            if match.group(0)[0] == ":" and not _next_is_capital(line, end):
                continue
            _add(spans, line, offset, start, end)
            start = end
        _add(spans, line, offset, start, len(line))
        offset += len(line) + 1
    return spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def cut_quote(sentence: str, focus: int = 0, limit: int = QUOTE_LIMIT) -> str:
    """The sentence word for word; past `limit` characters, a window of whole words around `focus`
    (a character offset the quote must show), with "…" where words were left out."""
    sentence = sentence.strip()
    if len(sentence) <= limit:
        return sentence
    focus = min(max(focus, 0), len(sentence) - 1)
    start = max(0, focus - limit // 3)
    end = min(len(sentence), start + limit - 2)
    start = max(0, end - (limit - 2))
    if start > 0:  # begin at a word
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < focus else start
    if end < len(sentence):  # end at a word
        space = sentence.rfind(" ", start, end)
        end = space if space > focus else end
    body = sentence[start:end].strip()
    return (ELLIPSIS if start > 0 else "") + body + (ELLIPSIS if end < len(sentence) else "")


def quote_parts(quote: str) -> list[str]:
    """The verbatim pieces of a quote: what stands between its "…"."""
    return [part for part in quote.split(ELLIPSIS) if part]


def _is_abbreviation(line: str, dot: int) -> bool:
    word = re.search(r"([A-Za-z.]+)$", line[:dot])
    if word is None:
        return False
    token = word.group(1)
    if token.lower() in _ABBREVIATIONS:
        return True
    # "U.S" before the dot, or a single capital letter (an initial): not the end of a sentence,
    # unless the next word plainly starts a new sentence after a dotted acronym at a line's end
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]", token))


def _next_is_capital(line: str, end: int) -> bool:
    rest = line[end:].lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0] in "•\"“")


def _add(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip().lstrip("•·▪◦–-*").strip()
    if stripped and any(ch.isalnum() for ch in stripped):
        lead = piece.index(stripped)
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))
