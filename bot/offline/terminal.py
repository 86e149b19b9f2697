"""Readable terminal rendering of Slack messages (Block Kit with mrkdwn)."""

from __future__ import annotations

import re

_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_MENTION = re.compile(r"<@([A-Z0-9]+)>")
_CHANNEL = re.compile(r"<#([A-Z0-9]+)(?:\|([^>]*))?>")


def plain(mrkdwn: str) -> str:
    text = _LINK.sub(r"\2 (\1)", mrkdwn)
    text = _MENTION.sub(r"@\1", text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _text(obj) -> str:
    if isinstance(obj, dict):
        return plain(obj.get("text", ""))
    return plain(str(obj or ""))


def render_blocks(blocks: list[dict]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text(block.get("text"))
            lines += [title, "=" * min(len(title), 72)]
        elif kind == "section":
            if block.get("text"):
                lines.append(_text(block["text"]))
            for field in block.get("fields", []):
                lines.append("  " + _text(field).replace("\n", ": ", 1))
            accessory = block.get("accessory")
            if accessory and accessory.get("type") == "button":
                lines.append(f"  [{_text(accessory.get('text'))}]")
        elif kind == "context":
            lines.append("  " + "  ".join(_text(e) for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("-" * 40)
        elif kind == "actions":
            labels = [_text(e.get("text")) for e in block.get("elements", []) if e.get("text")]
            lines.append("  " + " ".join(f"[{label}]" for label in labels))
        elif kind == "input":
            lines.append(f"  {_text(block.get('label'))}: ____")
        else:
            lines.append(f"({kind} block)")
    return lines


def render_message(message: dict) -> str:
    """A message payload (text + blocks) as terminal text."""
    blocks = message.get("blocks") or []
    if isinstance(blocks, str):
        import json

        blocks = json.loads(blocks)
    if blocks:
        return "\n".join(render_blocks(blocks))
    return plain(message.get("text") or "")
