"""The bot's own words per language: French and Spanish come from their catalogs, English and any
language without a catalog are the words as written, and roles are named in the reader's language."""

import pytest

from bot.core.i18n import role_name, translations


@pytest.mark.parametrize("language,words", [("fr", "Ce message."), ("es", "Este mensaje.")])
def test_french_and_spanish_words_come_from_their_catalogs(language, words):
    assert translations(language).gettext("This message.") == words


@pytest.mark.parametrize("language", ["en", "de", "", None])
def test_english_or_a_language_without_a_catalog_keeps_the_words_as_written(language):
    assert translations(language).gettext("This message.") == "This message."
    assert translations(language).pgettext("role", "lead") == "lead"


@pytest.mark.parametrize("language,names", [
    ("fr", {"lead": "chef de file", "partner": "partenaire", "funder": "bailleur de fonds"}),
    ("es", {"lead": "responsable principal", "partner": "asociado", "funder": "financiador"}),
    ("en", {"lead": "lead", "partner": "partner", "funder": "funder"}),
    ("pt", {"lead": "lead", "partner": "partner", "funder": "funder"}),
])
def test_the_three_roles_are_named_in_the_readers_language(language, names):
    assert {role: role_name(role, language) for role in names} == names


@pytest.mark.parametrize("language", ["en", "fr", "es", None])
def test_a_role_the_catalogs_do_not_know_is_shown_as_stored(language):
    assert role_name("observer", language) == "observer"
