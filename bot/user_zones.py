"""Each Slack user's time zone, from users.info, cached; ART67_TIMEZONE when Slack can't say.

`UserInfoCache` is the cache itself, shared with the users' locales (bot/user_locales.py)."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.core.deadlines import zone_named

log = logging.getLogger(__name__)
T = TypeVar("T")


class UserInfoCache(Generic[T]):
    """One fact about each user from users.info, called at most once per user per `ttl` seconds (a failure
    is retried sooner).

    The look-up is one try with a short timeout and no retries: a listener must answer Slack within
    three seconds, and the fallback is a fine answer meanwhile.
    """

    include_locale = False  # ask users.info for the locale too
    fallback = "the default"  # what a failure means, for the log

    def __init__(self, ttl: float = 3600.0, retry_after: float = 300.0, timeout: int = 2, size: int = 4096,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.retry_after, self.timeout, self.size = ttl, retry_after, timeout, size
        self.clock = clock
        self._items: OrderedDict[str, tuple[float, T | None]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, client: WebClient | None, user_id: str) -> T | None:
        if not user_id or client is None:
            return None
        now = self.clock()
        with self._lock:
            hit = self._items.get(user_id)
            if hit is not None and hit[0] > now:
                return hit[1]
        found, ok = self._look_up(client, user_id)
        with self._lock:
            self._items[user_id] = (now + (self.ttl if ok else self.retry_after), found)
            self._items.move_to_end(user_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return found

    def _look_up(self, client: WebClient, user_id: str) -> tuple[T | None, bool]:
        quick = WebClient(token=client.token, base_url=client.base_url, timeout=self.timeout)
        quick.retry_handlers = []
        try:
            arguments = {"include_locale": True} if self.include_locale else {}
            user = quick.users_info(user=user_id, **arguments).get("user") or {}
        except Exception as exc:  # noqa: BLE001 - any failure means "the fallback for now"
            log.warning("users.info for %s failed (%s); using %s", user_id, exc, self.fallback)
            return None, False
        return self.read(user), True

    def read(self, user: dict) -> T | None:
        raise NotImplementedError


class UserZones(UserInfoCache[ZoneInfo]):
    fallback = "ART67_TIMEZONE"

    def zone(self, client: WebClient | None, user_id: str, default: ZoneInfo) -> ZoneInfo:
        return self.get(client, user_id) or default

    def read(self, user: dict) -> ZoneInfo | None:
        return zone_named(user.get("tz") or "")
