"""The bot's own words in French and Spanish: gettext catalogs, managed with Babel.

The catalogs live in bot/locales: `art67bot.pot` (the English strings, extracted from the code), and for
each language `LC_MESSAGES/art67bot.po` (what a translator edits) and `art67bot.mo` (its compiled form,
which is what is read here, with the standard library's gettext). README "Asking questions" gives the
`pybabel extract / update / compile` commands; a test checks that every .mo matches its .po.

Rendering stays pure: a renderer takes the language ("en", "fr", "es") and asks `translations(language)`
for its words; English, or a language without a catalog, is the text as written in the code.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from importlib import resources

DOMAIN = "art67bot"
CATALOGS = ("fr", "es")


@lru_cache(maxsize=8)
def translations(language: str | None) -> gettext.NullTranslations:
    """The catalog of `language` (read once); English words for "en" or an unknown language."""
    if language in CATALOGS:
        path = resources.files("bot").joinpath("locales", language, "LC_MESSAGES", f"{DOMAIN}.mo")
        try:
            with path.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        except FileNotFoundError:
            pass
    return gettext.NullTranslations()


def role_name(role: str, language: str | None) -> str:
    """'lead', 'partner', 'funder' in `language` (as stored, for any other role)."""
    t = translations(language)
    names = {"lead": t.pgettext("role", "lead"), "partner": t.pgettext("role", "partner"),
             "funder": t.pgettext("role", "funder")}
    return names.get(role, role)
