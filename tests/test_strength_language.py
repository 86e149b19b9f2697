"""How questions are read into words: splitting (accents, possessives, dotted acronyms, French and
Spanish elisions), the `[matching]` lists per language, keys (spellings, stems, words kept whole), the
everyday words of each language, the inflections of a word, and finding a phrase among keys."""

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.language import Lexicon, Normaliser, common_words, find_phrase, inflection_bases, split_words


# ---------------------------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------------------------

def test_words_are_split_without_accents_possessives_or_dots_in_acronyms():
    assert split_words("Who handles the U.S. breeders' rights?") == \
        ["Who", "handles", "the", "US", "breeders", "rights"]
    assert split_words("Côte d'Ivoire's F.B.I. e-learning") == ["Cote", "dIvoire", "FBI", "e", "learning"]
    assert split_words("") == [] and split_words(None) == []


def test_an_apostrophe_separates_words_only_where_elisions_are_asked_for():
    assert split_words("l'OMPI s'occupe") == ["lOMPI", "soccupe"]
    assert split_words("l'OMPI s'occupe", elisions=True) == ["l", "OMPI", "s", "occupe"]


# ---------------------------------------------------------------------------------------------
# The [matching] lists
# ---------------------------------------------------------------------------------------------

DATA = {
    "stop_words": ["Who", "such as"], "stop_words_fr": ["Où", "s'occupe"], "stop_words_es": ["Quién"],
    "generic": ["Office"], "generic_fr": ["Bureau"],
    "context": ["IP"], "narrower": ["Online Piracy"],
    "abbreviations": [["IP", "Intellectual Property"]],
    "spellings": [["Programme", "Program"]], "spellings_fr": [["Programme", "Programmes"]],
    "keep_words": ["Customs"], "keep_words_fr": ["Douanes"],
    "fuzzy_cutoff": 80, "fuzzy_cutoff_fr": 85, "fuzzy_min_length_es": 6,
}


def test_english_lists_are_read_as_written_in_lower_case():
    lexicon = Lexicon.from_data(DATA)
    assert lexicon.language == "en"
    assert lexicon.stop_words == {"who", "such as"} and lexicon.keep_words == {"customs"}
    assert lexicon.generic == {"office"} and lexicon.context == {"ip"} and lexicon.narrower == {"online piracy"}
    assert lexicon.abbreviations == (("ip", "intellectual property"),)
    assert lexicon.spellings == (("programme", "program"),)


def test_french_and_spanish_lists_are_their_own_read_without_accents_and_elisions():
    french = Lexicon.from_data(DATA, "fr")
    assert french.language == "fr"
    assert french.stop_words == {"ou", "s", "occupe"} and french.keep_words == {"douanes"}
    assert french.generic == {"bureau"} and french.spellings == (("programme", "programmes"),)
    assert french.context == frozenset() and french.abbreviations == ()
    assert Lexicon.from_data(DATA, "es").stop_words == {"quien"}


def test_numbers_take_the_languages_own_value_then_the_shared_one_then_the_default():
    defaults = Lexicon()
    english, french, spanish = (Lexicon.from_data(DATA, language) for language in ("en", "fr", "es"))
    assert (english.fuzzy_cutoff, french.fuzzy_cutoff, spanish.fuzzy_cutoff) == (80.0, 85.0, 80.0)
    assert (english.fuzzy_min_length, spanish.fuzzy_min_length) == (defaults.fuzzy_min_length, 6)
    assert english.common_word_frequency == defaults.common_word_frequency
    assert isinstance(french.fuzzy_cutoff, float) and isinstance(spanish.fuzzy_min_length, int)


def test_without_matching_lists_the_documented_defaults_apply():
    # the defaults the Lexicon documents: everyday words from a frequency of 500, a fuzzy ratio of 78,
    # no correction of words shorter than 5 letters
    lexicon = Lexicon.from_data({})
    assert (lexicon.common_word_frequency, lexicon.fuzzy_cutoff, lexicon.fuzzy_min_length) == (500, 78.0, 5)
    assert lexicon.stop_words == frozenset() and lexicon.spellings == ()


def test_a_lexicon_is_a_value_that_cannot_be_changed():
    lexicon = Lexicon.from_data(DATA)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lexicon.language = "fr"
    assert hash(lexicon) == hash(Lexicon.from_data(DATA))


# ---------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------

ENGLISH = Normaliser(Lexicon(stop_words=frozenset({"the", "who"}),
                             spellings=(("programme", "program"), ("programmes", "programs")),
                             keep_words=frozenset({"customs"})))
FRENCH = Normaliser(Lexicon(stop_words=frozenset({"l", "qui"}), language="fr"))
SPANISH = Normaliser(Lexicon(language="es"))


def test_keys_unify_spellings_stem_and_keep_listed_words_and_numbers_whole():
    assert ENGLISH.key("programmes") == "program" and ENGLISH.key("programme") == "program"
    assert ENGLISH.key("prosecutions") == "prosecut"
    assert ENGLISH.key("customs") == "customs" and ENGLISH.key("custom") == "custom"
    assert ENGLISH.key("2024") == "2024"
    assert ENGLISH.key("programmes") == "program"  # the second time, from the cache
    assert ENGLISH.spell("programme") == "program" and ENGLISH.spell("patent") == "patent"


def test_french_and_spanish_keys_use_their_own_stemmer_and_split_elisions():
    assert FRENCH.split("l'OMPI") == ["l", "OMPI"] and SPANISH.split("l'OMPI") == ["l", "OMPI"]
    assert ENGLISH.split("l'OMPI") == ["lOMPI"]
    assert FRENCH.key("brevets") == FRENCH.key("brevet") != "brevets"
    # the Spanish stemmer leaves these whole; the English one cuts them
    assert SPANISH.key("informations") == "informations" != ENGLISH.key("informations")


def test_keys_and_surfaces_leave_out_stop_words():
    assert ENGLISH.is_stop("the") and not ENGLISH.is_stop("customs")
    assert ENGLISH.keys("Who handles the customs programmes") == ("handl", "customs", "program")
    assert ENGLISH.surfaces("Who handles the customs programmes") == ("handles", "customs", "programmes")
    assert FRENCH.surfaces("qui protège l'OMPI") == ("protege", "ompi")


# ---------------------------------------------------------------------------------------------
# Everyday words
# ---------------------------------------------------------------------------------------------

def frequencies(language: str) -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker(language=language).word_frequency.items())


def test_everyday_english_words_are_those_at_least_as_frequent_as_asked():
    counts = frequencies("en")
    word, count = next((w, c) for w, c in sorted(counts.items()) if 50 < c < 5000 and w.isalpha())
    assert word in common_words(count, "en") and word not in common_words(count + 1, "en")
    assert common_words() == common_words(500, "en")
    assert "patient" in common_words() and "aardvark's" in common_words(1, "en")  # English words as listed


def folded_sources(counts: dict[str, int], language: str) -> dict[str, int]:
    """Each plain word -> the highest count of the listed words it comes from (itself, accented, a plural)."""
    from bot.core.language import PLURALS

    best: dict[str, int] = {}
    for listed, count in counts.items():
        for word in split_words(listed, elisions=True):
            word = word.lower()
            for made in (word, *((word + e) for e in PLURALS[language] if len(word) > 2)):
                best[made] = max(best.get(made, 0), count)
    return best


@pytest.mark.parametrize("language", ["fr", "es"])
def test_everyday_french_and_spanish_words_are_at_least_as_frequent_as_asked_without_accents(language):
    counts = frequencies(language)
    best = folded_sources(counts, language)
    # a word that only its own listing brings in: in at its count, out above it
    word, count = next((w, c) for w, c in sorted(counts.items())
                       if 50 < c < 5000 and w.isascii() and w.isalpha() and best[w] == c)
    assert word in common_words(count, language) and word not in common_words(count + 1, language)
    assert all(w.isascii() and w == w.lower() for w in common_words(500, language) if w.isalpha())


def test_french_elided_words_are_split():
    french = common_words(frequencies("fr")["aujourd'hui"], "fr")
    assert "aujourd" in french and "hui" in french and "aujourd'hui" not in french
    # the two halves, never glued together as one word
    assert "aujourdhui" not in french


@pytest.mark.parametrize("language", ["fr", "es"])
def test_plurals_are_added_only_to_words_of_three_letters_or_more(language):
    from bot.core.language import PLURALS

    counts = frequencies(language)
    listed = {f.lower() for w, c in counts.items() if c >= 500 for f in split_words(w, elisions=True)}
    made = common_words(500, language) - listed
    assert made
    for word in made:
        assert any(word.endswith(e) and word[:-len(e)] in listed and len(word) - len(e) > 2
                   for e in PLURALS[language]), word


def test_a_spanish_everyday_word_of_three_letters_has_its_plural():
    # "red" is everyday Spanish; its plural "redes" is not in the word list but is everyday too
    assert "redes" not in frequencies("es") and {"red", "redes"} <= common_words(500, "es")


# ---------------------------------------------------------------------------------------------
# Inflections and phrases
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word,bases", [
    ("offs", {"offs", "off"}),
    ("judging", {"judging", "judg"}),
    ("agencies", {"agencies", "agencie", "agenci", "agency"}),
    ("trade", {"trade", "trad"}),
    ("traded", {"traded", "trade", "trad"}),
    ("bus", {"bus", "bu"}),          # two letters left: still a base
    ("as", {"as"}),                   # one letter left: none
    ("ies", {"ies", "ie", "y"}),
    ("red", {"red", "re"}),
])
def test_a_word_without_its_inflection(word, bases):
    assert inflection_bases(word) == bases


@given(st.text(alphabet="abcdeginsy", max_size=12))
def test_every_base_is_the_word_itself_or_shorter_and_at_least_two_letters_long_or_a_y_form(word):
    bases = inflection_bases(word)
    assert word in bases
    for base in bases - {word}:
        assert len(base) < len(word) and (len(base) >= 2 or base == word[:-1] or base.endswith("y"))


@pytest.mark.parametrize("keys,part,start", [
    (("border", "enforc", "agenc"), ("border", "enforc"), 0),
    (("who", "border", "enforc"), ("border", "enforc"), 1),
    (("who", "border", "enforc"), ("enforc",), 2),
    (("who", "border"), ("border", "enforc"), -1),
    (("enforc", "border"), ("border", "enforc"), -1),
    (("border",), ("border", "enforc"), -1),
    (("border", "enforc"), (), -1),
    ((), ("border",), -1),
])
def test_where_a_phrase_starts_among_keys(keys, part, start):
    assert find_phrase(keys, part) == start


@given(st.lists(st.sampled_from("abc"), max_size=8), st.lists(st.sampled_from("abc"), min_size=1, max_size=3))
def test_a_phrase_is_found_at_its_first_place_or_reported_missing(keys, part):
    keys, part = tuple(keys), tuple(part)
    start = find_phrase(keys, part)
    places = [i for i in range(len(keys)) if keys[i:i + len(part)] == part]
    assert start == (places[0] if places else -1)
