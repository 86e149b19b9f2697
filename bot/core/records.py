"""Plain records shared by the core, storage and the shell."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

FORMATS = ("in-person", "virtual", "hybrid")


@dataclass(frozen=True)
class Source:
    """Where a fact comes from, in a form anyone can open: a sentence of a stored report
    (document title, symbol, date, paragraph number, verbatim quote) or a public web page (title, URL)."""

    document: str = ""
    symbol: str = ""
    date: str = ""  # ISO date of the document
    paragraph: str = ""  # the report's own paragraph number
    quote: str = ""  # a verbatim sentence of that paragraph (cut with "…" past 300 characters)
    title: str = ""  # a public page's title
    url: str = ""  # a public page's address, or where the document can be read

    @property
    def is_page(self) -> bool:
        return not self.document

    def to_json(self) -> dict:
        if self.is_page:
            return {"title": self.title, "url": self.url}
        shape = {"document": self.document, "symbol": self.symbol, "date": self.date,
                 "paragraph": self.paragraph, "quote": self.quote}
        if self.url:
            shape["url"] = self.url
        return shape

    @classmethod
    def from_json(cls, data: dict) -> "Source":
        fields = ("document", "symbol", "date", "paragraph", "quote", "title", "url")
        return cls(**{k: str(data.get(k) or "") for k in fields})

    def text(self) -> str:
        """One line a reader can follow: 'Title (IP/C/…, 2021-09-15) ¶10: “…”' or 'Title — https://…'."""
        if self.is_page:
            return f"{self.title} — {self.url}" if self.title and self.url else (self.title or self.url)
        details = ", ".join(x for x in (self.symbol, self.date) if x)
        head = self.document + (f" ({details})" if details else "")
        where = f" ¶{self.paragraph}" if self.paragraph else ""
        return f"{head}{where}: “{self.quote}”" if self.quote else head + where


@dataclass(frozen=True)
class Agency:
    acronym: str
    name: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""
    contact: str = ""
    source: str = ""  # free text an admin wrote; `sources` are the citable ones
    sources: tuple[Source, ...] = ()
    # names in use in French and Spanish, where there are any (knowledge.toml `aliases_fr`, `aliases_es`)
    aliases_fr: tuple[str, ...] = ()
    aliases_es: tuple[str, ...] = ()

    def aliases_in(self, language: str) -> tuple[str, ...]:
        """The aliases a question in `language` may use: the source's own, and those of that language."""
        return self.aliases + tuple(getattr(self, f"aliases_{language}", ()) if language != "en" else ())


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    kind: str = "other"
    paragraph: str = ""
    synonyms: tuple[str, ...] = ()
    source: str = ""
    # its name and words in French and Spanish (knowledge.toml `name_fr`, `synonyms_fr`, `name_es`, …)
    name_fr: str = ""
    name_es: str = ""
    synonyms_fr: tuple[str, ...] = ()
    synonyms_es: tuple[str, ...] = ()

    def name_in(self, language: str) -> str:
        """Its name in `language` ("en", "fr", "es"); the English name where it has none."""
        return (getattr(self, f"name_{language}", "") if language != "en" else "") or self.name

    def words_in(self, language: str) -> tuple[str, ...]:
        """Its name and synonyms in `language`: what a question in that language may call it."""
        if language == "en":
            return (self.name, self.slug.replace("-", " "), *self.synonyms)
        name = getattr(self, f"name_{language}", "")
        return ((name,) if name else ()) + tuple(getattr(self, f"synonyms_{language}", ()))


@dataclass(frozen=True)
class Link:
    topic: str  # topic slug
    agency: str  # agency acronym
    rank: int = 1
    role: str = "lead"
    description: str = ""
    source: str = ""  # free text an admin wrote; `sources` are the citable ones
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class NewActivity:
    """A validated activity, ready to be stored."""

    title: str
    start_date: date
    agency: str  # acronym
    beneficiaries: tuple[str, ...] = ()
    end_date: date | None = None
    topics: tuple[str, ...] = ()  # slugs
    format: str | None = None
    location: str = ""
    description: str = ""
    url: str = ""
    source_document: str = ""
    created_by: str = ""


@dataclass(frozen=True)
class Activity(NewActivity):
    """A stored activity: what was recorded, with its number, the agency's name and when."""

    id: int = 0
    agency_name: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class UpcomingFilters:
    agencies: frozenset[str] | None = None  # acronyms, sub-units included
    topic: str | None = None  # slug
    beneficiary: str | None = None
    until: date | None = None


@dataclass(frozen=True)
class UpcomingResult:
    under_way: tuple[Activity, ...]
    upcoming: tuple[Activity, ...]
    more: bool = False  # more upcoming activities exist beyond the limit


@dataclass
class Reply:
    """What the bot answers: Block Kit blocks with a plain-text fallback."""

    text: str
    blocks: list[dict] = field(default_factory=list)
    response_type: str = "ephemeral"  # or "in_channel"
    _json: str | None = field(default=None, repr=False, compare=False)
    # True when `text` is mrkdwn already, its user-written parts escaped (so that a mention it makes on
    # purpose, <@U…>, stays one); by default the fallback text is escaped as a whole
    escaped: bool = False

    def payload(self) -> dict:
        """The message as Slack takes it; the fallback text is escaped like every mrkdwn field."""
        from bot.core.text import escape_mrkdwn

        text = self.text if self.escaped else escape_mrkdwn(self.text)
        return {"text": text, "blocks": self.blocks, "response_type": self.response_type}

    def to_json(self) -> str:
        """`payload()` as JSON, serialised once per reply (cached replies are sent many times)."""
        if self._json is None:
            import json

            self._json = json.dumps(self.payload())
        return self._json
