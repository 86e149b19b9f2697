"""This process's name in the claims and leases it holds (posts, Slack events)."""

from __future__ import annotations

import os
import socket
import uuid


def process_owner() -> str:
    """Host, process id and a random part: unique to this run, even when a process id is reused."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
