"""Each Slack user's locale ("fr-FR", "es-ES", "en-US"), from users.info with include_locale, cached like time
zones (bot/user_zones.py). It only breaks ties: a question's own words say its language first."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from slack_sdk import WebClient

log = logging.getLogger(__name__)


class UserLocales:
    """users.info is called at most once per user per `ttl` seconds (a failure is retried sooner), as one try
    with a short timeout and no retries: a listener must answer Slack within three seconds, and no locale
    (English) is a fine answer meanwhile."""

    def __init__(self, ttl: float = 3600.0, retry_after: float = 300.0, timeout: int = 2, size: int = 4096,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.retry_after, self.timeout, self.size = ttl, retry_after, timeout, size
        self.clock = clock
        self._items: OrderedDict[str, tuple[float, str | None]] = OrderedDict()
        self._lock = threading.Lock()

    def locale(self, client: WebClient | None, user_id: str) -> str | None:
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

    def _look_up(self, client: WebClient, user_id: str) -> tuple[str | None, bool]:
        quick = WebClient(token=client.token, base_url=client.base_url, timeout=self.timeout)
        quick.retry_handlers = []
        try:
            user = quick.users_info(user=user_id, include_locale=True).get("user") or {}
        except Exception as exc:  # noqa: BLE001 - any failure means "no locale for now"
            log.warning("users.info for %s failed (%s); answering ties in English", user_id, exc)
            return None, False
        return (user.get("locale") or None), True
