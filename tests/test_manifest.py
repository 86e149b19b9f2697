"""The Slack app manifest creates the app art67bot needs, with no more scopes than it uses."""

from pathlib import Path

import yaml

MANIFEST = yaml.safe_load((Path(__file__).resolve().parents[1] / "manifest.yml").read_text())


def test_manifest_declares_the_command_events_interactivity_and_socket_mode():
    commands = [c["command"] for c in MANIFEST["features"]["slash_commands"]]
    assert commands == ["/activities"]
    settings = MANIFEST["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im", "app_home_opened"}
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["socket_mode_enabled"] is True
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True


def test_manifest_scopes_are_the_ones_the_bot_uses():
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert scopes == {"commands", "chat:write", "app_mentions:read", "im:history", "users:read", "files:write",
                      "files:read", "channels:history", "groups:history", "im:write"}
