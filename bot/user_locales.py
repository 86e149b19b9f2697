"""Each Slack user's locale ("fr-FR", "es-ES", "en-US"), from users.info with include_locale, cached like time
zones (bot/user_zones.py). It only breaks ties: a question's own words say its language first."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.user_zones import UserInfoCache


class UserLocales(UserInfoCache[str]):
    """users.info at most once per user per `ttl` seconds; no locale (English) meanwhile and on failure."""

    include_locale = True
    fallback = "English for ties"

    def locale(self, client: WebClient | None, user_id: str) -> str | None:
        return self.get(client, user_id)

    def read(self, user: dict) -> str | None:
        return user.get("locale") or None
