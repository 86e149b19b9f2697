"""A small cache of replies, valid while the stored data has not changed."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class ReplyCache:
    """Maps a key to a value computed under a data token; a new token means recompute.

    The token is read before computing, so a write that lands during the computation leaves an
    older token behind and the next reader recomputes.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, token: Hashable | None, compute: Callable[[], Any]) -> Any:
        if token is None:
            return compute()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == token:
                self._items.move_to_end(key)
                return hit[1]
        value = compute()
        with self._lock:
            self._items[key] = (token, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value
