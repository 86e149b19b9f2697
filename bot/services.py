"""What the shell hands to every listener: the database, settings, the clock, the knowledge base."""

from __future__ import annotations

import hashlib
import threading
import tomllib
from concurrent.futures import ThreadPoolExecutor
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.cache import ReplyCache
from bot.config import Settings
from bot.user_locales import UserLocales
from bot.user_zones import UserZones

if TYPE_CHECKING:  # storage (and SQLAlchemy with it) is imported by the first unit of work, not at start
    from bot.core.knowledge import Knowledge
    from storage import Database
    from storage.changes import ChangeWatch


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Services:
    db: Database
    settings: Settings
    clock: Callable[[], datetime] = utcnow
    extra_admins: frozenset[str] = frozenset()
    replies: ReplyCache = field(default_factory=ReplyCache, repr=False)
    # slow work started after Slack has its acknowledgement (e.g. uploading the report's table)
    background: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="art67bot-background"),
        repr=False)
    user_zones: UserZones = field(default_factory=UserZones, repr=False)
    user_locales: UserLocales = field(default_factory=UserLocales, repr=False)
    _changes: ChangeWatch | None = field(default=None, repr=False)
    # how often (seconds) to look whether another process changed the knowledge base; 0 = every time
    knowledge_check_seconds: float = 1.0
    # Member -> (knowledge, its version, when it was checked)
    _by_member: dict[str, tuple[Knowledge, str, float]] = field(default_factory=dict, repr=False)
    _members: tuple[list[str], str, float] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __deepcopy__(self, memo) -> "Services":
        """Shared, never copied: Bolt deep-copies the context it hands to lazy listeners."""
        return self

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """Today's date in ART67_TIMEZONE."""
        return self.clock().astimezone(self.settings.zone()).date()

    def user_zone(self, client, user_id: str | None) -> ZoneInfo:
        """The user's time zone in Slack (users.info, cached), else ART67_TIMEZONE."""
        return self.user_zones.zone(client, user_id or "", self.settings.zone())

    def user_locale(self, client, user_id: str | None) -> str | None:
        """The user's Slack locale ("fr-FR"; users.info, cached), or None. Without a client (a slash command's
        answer is built away from one), a client for the bot token and API URL of the settings asks."""
        if client is None and self.settings.bot_token:
            from bot.app import make_client

            client = make_client(self.settings.bot_token, self.settings.api_url, retries=False)
        return self.user_locales.locale(client, user_id or "")

    def is_admin(self, user_id: str | None) -> bool:
        return bool(user_id) and (user_id in self.settings.admins or user_id in self.extra_admins)

    def data_token(self):
        """Changes whenever stored data changes (None: do not cache)."""
        if self._changes is None:
            from storage.changes import ChangeWatch

            self._changes = ChangeWatch(self.db)
        return self._changes.token()

    def knowledge(self, member: str | None = None) -> Knowledge:
        """A Member's knowledge (the default Member's, ART67_MEMBER, when None), re-read when its version
        changed (another process may have changed it).

        The version is a single primary-key read, made at most every `knowledge_check_seconds`.
        """
        from storage.knowledge import knowledge_version, read_knowledge

        member = member or self.settings.member
        cached = self._by_member.get(member)
        if cached is not None and time.monotonic() - cached[2] < self.knowledge_check_seconds:
            return cached[0]
        with self._lock:
            cached = self._by_member.get(member)
            if cached is None or time.monotonic() - cached[2] >= self.knowledge_check_seconds:
                with self.db.session() as session:
                    version = knowledge_version(session)  # read before the tables, never after
                    if cached is None or version != cached[1]:
                        knowledge = read_knowledge(session, member, every_topic=member == self.settings.member)
                    else:
                        knowledge = cached[0]
                cached = (knowledge, version, time.monotonic())
                self._by_member[member] = cached
            return cached[0]

    def members(self) -> list[str]:
        """The Members whose knowledge is stored; cached like knowledge(), re-read when its version changed."""
        from storage.documents import stored_members
        from storage.knowledge import knowledge_version

        cached = self._members
        if cached is not None and time.monotonic() - cached[2] < self.knowledge_check_seconds:
            return list(cached[0])
        with self._lock:
            cached = self._members
            if cached is None or time.monotonic() - cached[2] >= self.knowledge_check_seconds:
                with self.db.session() as session:
                    version = knowledge_version(session)  # read before the tables, never after
                    members = stored_members(session) if cached is None or version != cached[1] else cached[0]
                cached = self._members = (members, version, time.monotonic())
            return list(cached[0])

    def refresh_knowledge(self) -> Knowledge:
        """Re-read the knowledge base now (after an admin changed it), and index it for questions."""
        from bot.core.knowledge.index import index_for
        from bot.core.knowledge.multilingual import prepare

        with self._lock:
            self._by_member.clear()
            self._members = None
        knowledge = self.knowledge()
        index_for(knowledge)
        prepare(knowledge)  # every language's index, for questions
        return knowledge


def prepare_database(db: Database) -> bool:
    """Upgrade the schema and load the shipped knowledge base (both idempotent)."""
    from bot.core.knowledge import from_seed
    from bot.core.knowledge.base import seed_bytes, shipped_member
    from storage.knowledge import ensure_seeded, seed_fingerprint

    db.upgrade()
    raw = seed_bytes()
    fingerprint = hashlib.sha256(raw).hexdigest()
    with db.session() as session:
        if seed_fingerprint(session) == fingerprint:  # this very file is loaded: no need to parse it
            return False
        data = tomllib.loads(raw.decode("utf-8"))
        loaded = ensure_seeded(session, from_seed(data), fingerprint, shipped_member(data))
        if loaded:
            _store_shipped_documents(session, data)
        return loaded


def _store_shipped_documents(session, data: dict) -> None:
    from importlib import resources

    from bot.core.knowledge.base import shipped_member
    from bot.core.knowledge.documents import read_document
    from storage.documents import store_shipped_document

    for meta in data.get("documents", []):
        raw = resources.files("bot.data").joinpath(meta["file"]).read_bytes()
        store_shipped_document(session, shipped_member(data), meta, read_document(raw, meta["file"]))


def open_database(url: str | None) -> Database:
    """The database at `url`, prepared (`prepare_database`); its engine is disposed if preparing it fails."""
    from storage import Database

    db = Database(url)
    try:
        prepare_database(db)
    except Exception:
        db.dispose()
        raise
    return db


class DatabaseOnFirstUse:
    """The database of a one-shot command, opened and prepared (`prepare_database`) when a request first reads
    or writes through it. A command answered from its words alone (`/activities help`, a usage error) then
    starts without importing SQLAlchemy, the largest part of a cold start. Stands in for a `Database`: every
    attribute is the opened database's."""

    def __init__(self, url: str | None) -> None:
        self._url = url
        self._db: Database | None = None
        self._lock = threading.Lock()
        self.failure: Exception | None = None  # why the last attempt to open it failed

    @property
    def is_open(self) -> bool:
        return self._db is not None

    def opened(self) -> Database:
        db = self._db
        if db is None:
            with self._lock:
                if self._db is None:
                    try:
                        db = open_database(self._url)
                    except Exception as exc:
                        self.failure = exc
                        raise
                    self._db, self.failure = db, None
                db = self._db
        return db

    def __getattr__(self, name: str):
        return getattr(self.opened(), name)


def open_services(database_url: str | None = None, settings: Settings | None = None, *,
                  on_first_use: bool = False, **kwargs) -> Services:
    """The services over `database_url` (else the settings'). `on_first_use` defers opening
    and preparing it to the first request that needs it (`DatabaseOnFirstUse`); a failure to open it then
    reaches that request's own error handling."""
    settings = settings or Settings.from_env()
    url = database_url or settings.database_url
    db = DatabaseOnFirstUse(url) if on_first_use else open_database(url)
    return Services(db=db, settings=settings, **kwargs)
