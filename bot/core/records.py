"""Plain records shared by the core, storage and the shell."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

FORMATS = ("in-person", "virtual", "hybrid")


@dataclass(frozen=True)
class Agency:
    acronym: str
    name: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""
    contact: str = ""
    source: str = ""


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    kind: str = "other"
    paragraph: str = ""
    synonyms: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Link:
    topic: str  # topic slug
    agency: str  # agency acronym
    rank: int = 1
    role: str = "lead"
    description: str = ""
    source: str = ""


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

    def payload(self) -> dict:
        """The message as Slack takes it; the fallback text is escaped like every mrkdwn field."""
        from bot.core.text import escape_mrkdwn

        return {"text": escape_mrkdwn(self.text), "blocks": self.blocks, "response_type": self.response_type}

    def to_json(self) -> str:
        """`payload()` as JSON, serialised once per reply (cached replies are sent many times)."""
        if self._json is None:
            import json

            self._json = json.dumps(self.payload())
        return self._json
