"""Configuration from environment variables (documented in the README)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    database_url: str | None = None
    bot_token: str | None = None
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str | None = None
    admins: frozenset[str] = field(default_factory=frozenset)
    timezone: str = "UTC"
    period_start_month: int = 9
    member: str = "United States of America"
    reminder_channel: str | None = None
    tick_seconds: int = 60
    catch_up_hours: int = 72

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> "Settings":
        env = os.environ if env is None else env
        values = dict(
            database_url=env.get("DATABASE_URL") or None,
            bot_token=env.get("SLACK_BOT_TOKEN") or None,
            signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            app_token=env.get("SLACK_APP_TOKEN") or None,
            api_url=env.get("SLACK_API_URL") or None,
            admins=parse_admins(env.get("ART67_ADMINS", "")),
            timezone=env.get("ART67_TIMEZONE") or "UTC",
            period_start_month=parse_month(env.get("ART67_PERIOD_START_MONTH") or "9"),
            member=env.get("ART67_MEMBER") or "United States of America",
            reminder_channel=env.get("ART67_REMINDER_CHANNEL") or None,
            tick_seconds=positive_int(env, "ART67_TICK_SECONDS", 60),
            catch_up_hours=positive_int(env, "ART67_CATCHUP_HOURS", 72),
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        settings.zone()  # fail early on a bad ART67_TIMEZONE
        return settings

    def catch_up(self) -> timedelta:
        """How late a missed reminder or digest may still be posted (ART67_CATCHUP_HOURS)."""
        return timedelta(hours=self.catch_up_hours)

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"ART67_TIMEZONE={self.timezone!r} is not a time zone name (e.g. UTC, Europe/Zurich)"
            ) from None


def parse_admins(value: str) -> frozenset[str]:
    """'U123, U456' -> {'U123', 'U456'}."""
    return frozenset(part.strip() for part in value.replace(";", ",").split(",") if part.strip())


def parse_month(value: str) -> int:
    """ART67_PERIOD_START_MONTH: the month (1-12) in which a reporting period begins."""
    if value.strip().isdigit() and 1 <= int(value) <= 12:
        return int(value)
    raise ConfigError(f"ART67_PERIOD_START_MONTH={value!r} must be a month number from 1 to 12 (9 = September)")


def positive_int(env, name: str, default: int) -> int:
    value = env.get(name) or str(default)
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(f"{name}={value!r} must be a whole number of at least 1")
    return int(value)


def api_base_url(api_url: str | None) -> str | None:
    """slack_sdk wants the Web API base URL with a trailing slash."""
    if not api_url:
        return None
    return api_url if api_url.endswith("/") else api_url + "/"


def require_bot_token(settings: Settings) -> str:
    """SLACK_BOT_TOKEN, or a ConfigError saying where to find it."""
    if not settings.bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your "
                          "Slack app's OAuth & Permissions page")
    return settings.bot_token


def check_slack_settings(settings: Settings, *, socket_mode: bool) -> None:
    """Fail early, naming the variable, when a token or secret is missing or malformed."""
    token = require_bot_token(settings)
    if not token.startswith("xoxb-"):
        raise ConfigError(f"SLACK_BOT_TOKEN must be a bot token starting with xoxb- (it starts with "
                          f"{token[:5]!r}); user (xoxp-) and app-level (xapp-) tokens do not work here")
    if socket_mode:
        app_token = settings.app_token
        if not app_token:
            raise ConfigError("SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) "
                              "with the connections:write scope, from Basic Information > App-Level Tokens")
        if not app_token.startswith("xapp-"):
            raise ConfigError(f"SLACK_APP_TOKEN must be an app-level token starting with xapp- (it starts "
                              f"with {app_token[:5]!r})")
    elif not settings.signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your Slack app's "
                          "Basic Information page")
