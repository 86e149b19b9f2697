"""The console's rendering of Slack messages for a terminal."""

from bot.offline.terminal import plain, render_blocks


def test_mrkdwn_becomes_readable_text():
    assert plain("*#3 · Title* in <#C123> by <@U42> &lt;!channel&gt; &amp; <https://x.org|site>") == \
        "#3 · Title in #C123 by @U42 <!channel> & site (https://x.org)"
    assert plain("<#C123|general>") == "#general"


def test_blocks_render_in_order():
    lines = render_blocks([
        {"type": "header", "text": {"type": "plain_text", "text": "Upcoming"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*one*"}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "as of today"}]},
        {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "More"}}]},
    ])
    assert lines == ["Upcoming", "========", "one", "  as of today", "  [More]"]
