"""Questions and answers in English, French and Spanish: language detection, the user-locale
tie-break, answers and abstentions in each language, `ask --lang`, the Slack paths, the gettext catalogs."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import make_client
from bot.cli import main
from bot.core.i18n import translations
from bot.core.knowledge import from_seed, read_seed
from bot.core.knowledge.index import index_for
from bot.core.knowledge.languages import detect_language, locale_language
from bot.core.knowledge.multilingual import answer_in_language, detect, localized
from bot.core.knowledge.render import render_answer
from bot.core.help import render_help
from bot.offline.web_api import SlackWebAPI
from bot.user_locales import UserLocales
from tests.conftest import MEMBER, assert_valid_message

KB = from_seed(read_seed())
LOCALES = Path(__file__).resolve().parents[1] / "bot" / "locales"
SPANISH_USER = "USPANISH"


def language_of(question: str, locale=None) -> str:
    return detect(question, KB, locale).language


# ---------------------------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question,language", [
    ("who handles border enforcement?", "en"),
    ("customs", "en"),
    ("what does CCIPS do?", "en"),
    ("qui s'occupe des mesures à la frontière ?", "fr"),
    ("qui s'occupe des mesures a la frontiere", "fr"),  # without accents
    ("Quelle agence forme les examinateurs de brevets ?", "fr"),
    ("brevets", "fr"),  # one word: its own vocabulary says French
    ("contrefaçon", "fr"),
    ("que fait le CCIPS ?", "fr"),
    ("¿Quién se encarga de las indicaciones geográficas?", "es"),
    ("quien se encarga de las indicaciones geograficas", "es"),
    ("patentes", "es"),
    ("¿USPTO?", "es"),  # the question mark is Spanish
    ("qué hace la CBP", "es"),
    ("who handles les brevets et les marques?", "fr"),  # mixed: mostly French
    ("¿who handles las marcas y las patentes?", "es"),  # mixed: mostly Spanish
])
def test_the_language_of_a_question(question, language):
    assert language_of(question) == language


def test_a_decided_question_has_a_confidence_and_a_tie_has_none():
    decided = detect("qui s'occupe des brevets ?", KB)
    assert decided.decided and decided.confidence > 0.5 and decided.ranking[0] == "fr"
    tie = detect("USPTO", KB)
    assert not tie.decided and tie.confidence == 0.0 and tie.language == "en"


@pytest.mark.parametrize("locale,language", [("fr-FR", "fr"), ("es-LA", "es"), ("es_ES", "es"), ("en-GB", "en"),
                                             ("pt-BR", "en"), (None, "en"), ("", "en")])
def test_the_users_locale_breaks_a_tie_then_english(locale, language):
    assert language_of("USPTO", locale) == language
    assert language_of("CBP GIPA", lambda: locale) == language


def test_the_locale_never_overrides_what_the_question_says():
    asked = []
    assert language_of("qui s'occupe des brevets ?", lambda: asked.append(1) or "es-ES") == "fr"
    assert language_of("who handles patents?", "fr-FR") == "en"
    assert asked == []  # looked up only on a tie


def test_locale_language():
    assert [locale_language(x) for x in ("fr-CA", "ES-es", "en", "de-DE", None)] == ["fr", "es", "en", None, None]


@settings(max_examples=300, deadline=None)
@given(question=st.one_of(st.text(max_size=120), st.lists(st.sampled_from(
    ["qui", "quién", "who", "brevets", "patentes", "l'OMPI", "¿", "douane", "café", "CBP", "ñ", "de", "la", "the"]),
    max_size=10).map(" ".join)))
def test_any_text_is_answered_or_abstained_in_one_of_the_three_languages(question):
    answer = answer_in_language(question, KB)
    assert answer.language in ("en", "fr", "es")
    assert answer.abstained == (not answer.agencies and answer.kind == "none")
    render_answer(answer, KB)


def test_detection_is_a_pure_function_of_its_inputs():
    assert detect_language("qui s'occupe des brevets ?").language == "fr"  # characters and elisions alone
    assert detect_language("¿quién?").language == "es"
    assert detect_language("").language == "en" and not detect_language("").decided


# ---------------------------------------------------------------------------------------------
# Answers in each language
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question,language,slug,first", [
    ("qui s'occupe des mesures à la frontière ?", "fr", "border-enforcement", "CBP"),
    ("Qui traite la piraterie en ligne ?", "fr", "copyright", "USCO"),
    ("qui enquete sur le vol de secrets d'affaires", "fr", "trade-secrets", "USPTO"),
    ("qui s'occupe de la cybercriminalité ?", "fr", "computer-forensics", "CCIPS"),
    ("¿Quién se encarga de las indicaciones geográficas?", "es", "geographical-indications", "USPTO"),
    ("¿Qué organismo protege las obtenciones vegetales?", "es", "plant-variety-protection", "USDA"),
    ("¿quién se ocupa de la observancia de los derechos de PI?", "es", "enforcement", "USPTO"),
    ("¿quién combate los medicamentos falsificados?", "es", "anti-counterfeiting", "ICE"),
])
def test_french_and_spanish_questions_are_answered_in_their_language(question, language, slug, first):
    answer = answer_in_language(question, KB)
    assert (answer.language, answer.kind, answer.topic.slug, answer.agencies[0].acronym) == (
        language, "topic", slug, first)


@pytest.mark.parametrize("question,language,words", [
    ("quelle heure est-il ?", "fr", "Je ne sais pas"),
    ("qui s'occupe de la machine à café ?", "fr", "Je ne sais pas"),
    ("qui s'occupe de la paie ?", "fr", "Je ne sais pas"),
    ("qui s'occupe du budget ?", "fr", "Je ne sais pas"),  # an everyday word needs IP around it
    ("¿quién gestiona las nóminas?", "es", "No sé"),
    ("¿A qué hora cierra el museo del Prado?", "es", "No sé"),
    ("¿quién gestiona las redes sociales?", "es", "No sé"),
    ("¿quién se encarga de la oficina?", "es", "No sé"),
    ("what time is it?", "en", "I don't know that one"),
])
def test_off_topic_questions_get_i_dont_know_in_their_language(question, language, words):
    answer = answer_in_language(question, KB)
    assert answer.abstained and not answer.agencies and answer.language == language
    reply = render_answer(answer, KB)
    assert reply.response_type == "ephemeral" and reply.text.startswith(words)
    assert "CBP" not in reply.text and "USPTO" not in reply.text


def test_everyday_words_count_when_the_question_is_about_ip():
    assert answer_in_language("qui aide un office de PI avec son budget ?", KB).topic.slug == \
        "ip-office-administration"
    assert answer_in_language("¿quién ayuda a una oficina de propiedad intelectual con su presupuesto?",
                              KB).topic.slug == "ip-office-administration"


def test_a_topic_answer_speaks_the_language_but_keeps_names_and_quotes():
    answer = answer_in_language("¿quién se encarga de las medidas en frontera?", KB)
    reply = render_answer(answer, KB)
    assert reply.text.startswith("Medidas en frontera: CBP y ICE (U.S. Department of Homeland Security).")
    assert "CBP (responsable principal)" in reply.text
    assert "U.S. Customs and Border Protection" in json.dumps(reply.blocks)  # names as the source gives them
    assert "Fuente" in json.dumps(reply.blocks, ensure_ascii=False)
    assert_valid_message(reply.payload())
    french = render_answer(answer_in_language("que fait le CCIPS ?", KB), KB)
    assert "rattaché à U.S. Department of Justice" in french.text
    assert "*Ce dont il s'occupe*" in json.dumps(french.blocks, ensure_ascii=False)


def test_the_abstention_hint_examples_answer_in_their_language():
    for language in ("fr", "es"):
        _ = translations(language).gettext
        for example in (_("who handles border enforcement?"), _("what does CCIPS do?")):
            answer = answer_in_language(example, KB)
            assert not answer.abstained and answer.language == language, example


def test_a_forced_language_answers_the_same_in_that_language():
    english = answer_in_language("who handles border enforcement?", KB)
    forced = answer_in_language("who handles border enforcement?", KB, language="fr")
    assert forced.language == "fr" and english.language == "en"
    assert {k: v for k, v in forced.to_json().items() if k != "language"} == \
        {k: v for k, v in english.to_json().items() if k != "language"}
    assert render_answer(forced, KB).text.startswith("Mesures à la frontière : CBP et ICE")
    spanish_in_english = answer_in_language("¿quién se encarga de las patentes?", KB, language="en")
    assert spanish_in_english.language == "en" and spanish_in_english.topic.slug == "patents"
    assert render_answer(spanish_in_english, KB).text.startswith("Patents: USPTO")


def test_knowledge_read_from_storage_gets_the_shipped_french_and_spanish_words():
    bare = from_seed(read_seed())
    stripped = type(bare)(bare.agencies, [type(t)(t.slug, t.name, t.kind, t.paragraph, t.synonyms, t.source)
                                          for t in bare.topics], bare.links)
    assert not stripped.by_slug["patents"].name_fr
    filled = localized(stripped)
    assert filled.by_slug["patents"].name_fr == "Brevets" and localized(stripped) is filled
    assert answer_in_language("qui s'occupe des brevets ?", stripped).topic.name_in("fr") == "Brevets"
    assert localized(KB) is KB  # nothing missing: the same object


def test_french_and_spanish_keys_belong_to_one_topic_each():
    for language in ("fr", "es"):
        index = index_for(localized(KB), language)
        owners: dict[tuple[str, ...], set[str]] = {}
        for entry in index.entries:
            if entry.kind == "topic":
                owners.setdefault(entry.keys, set()).add(entry.ref)
        assert {k: v for k, v in owners.items() if len(v) > 1} == {}, language
        assert all(t.name_in(language) != t.name for t in KB.topics)


# ---------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------

def test_ask_lang_and_the_json_language(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["ask", "qui s'occupe des mesures à la frontière ?", "--json", "--db", db]) == 0
    french = json.loads(capsys.readouterr().out)
    assert french["language"] == "fr" and french["agencies"][0]["acronym"] == "CBP"
    assert french["topic"] == {"slug": "border-enforcement", "name": "IP border enforcement"}
    assert main(["ask", "who handles border enforcement?", "--json", "--db", db]) == 0
    english = json.loads(capsys.readouterr().out)
    assert main(["ask", "who handles border enforcement?", "--lang", "es", "--json", "--db", db]) == 0
    forced = json.loads(capsys.readouterr().out)
    assert english["language"] == "en" and forced["language"] == "es"
    assert {k: v for k, v in forced.items() if k != "language"} == {k: v for k, v in english.items()
                                                                    if k != "language"}
    assert main(["ask", "¿quién gestiona las nóminas?", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == {"question": "¿quién gestiona las nóminas?", "topic": None,
                                                    "agencies": [], "source": None,
                                                    "member": "United States of America", "language": "es"}
    assert main(["ask", "¿quién gestiona las nóminas?", "--db", db]) == 0
    assert "No sé responder" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["ask", "who handles customs?", "--lang", "de", "--db", db])


# ---------------------------------------------------------------------------------------------
# Slack: mentions, /activities who and ask, DMs, the locale from users.info
# ---------------------------------------------------------------------------------------------

@pytest.fixture
def slack_api():
    with SlackWebAPI(users={SPANISH_USER: {"locale": "es-ES"}, MEMBER: {"locale": "en-US"}}) as api:
        yield api


def event(text: str, channel: str, channel_type: str, user: str = MEMBER, ts: str = "1718000000.000100") -> dict:
    kind = "app_mention" if channel_type == "channel" else "message"
    return {"type": kind, "user": user, "text": text, "ts": ts, "event_ts": ts, "channel": channel,
            "channel_type": channel_type}


def test_a_mention_in_french_is_answered_in_french(slack, slack_api):
    assert slack.event(event("<@UBOT> qui s'occupe des mesures à la frontière ?", "C0CHAN", "channel")).status == 200
    [call] = slack_api.wait_for("chat.postMessage", 1, timeout=2)
    assert call.params["text"].startswith("Mesures à la frontière : CBP et ICE")
    assert call.params["thread_ts"] == "1718000000.000100"
    assert slack_api.calls_to("users.info") == []  # the question said its language: no look-up


def test_activities_who_and_ask_in_spanish(slack):
    status, payload = slack.command("who medidas en frontera", user=MEMBER)
    assert status == 200 and payload["response_type"] == "in_channel"
    assert payload["text"].startswith("Medidas en frontera: CBP y ICE")
    assert_valid_message(payload)
    _, payload = slack.command("ask ¿quién gestiona las nóminas?", user=MEMBER)
    assert payload["response_type"] == "ephemeral" and payload["text"].startswith("No sé responder")


def test_a_tie_is_answered_in_the_users_locale(slack, slack_api):
    _, payload = slack.command("ask USPTO", user=SPANISH_USER)
    assert "dependiente de U.S. Department of Commerce" in payload["text"]
    [call] = slack_api.calls_to("users.info")
    assert call.params["user"] == SPANISH_USER and call.params["include_locale"] in (True, "true", "1", 1)
    _, payload = slack.command("ask USPTO", user=MEMBER)
    assert "part of U.S. Department of Commerce" in payload["text"]


def test_a_dm_is_answered_in_its_language_and_a_tie_in_the_users_locale(slack, slack_api):
    slack.event(event("qui forme les examinateurs de brevets ?", "D0DM", "im"))
    slack.event(event("GIPA", "D0DM", "im", user=SPANISH_USER, ts="1718000000.000200"))
    first, second = slack_api.wait_for("chat.postMessage", 2, timeout=2)
    by_text = sorted([first.params["text"], second.params["text"]], key=lambda t: not t.startswith("Brevets"))
    assert by_text[0].startswith("Brevets : USPTO")
    assert "dependiente de U.S. Patent and Trademark Office" in by_text[1]


def test_user_locales_are_cached(slack_api):
    locales = UserLocales()
    client = make_client("xoxb-test", slack_api.base_url)
    assert locales.locale(client, SPANISH_USER) == "es-ES"
    assert locales.locale(client, SPANISH_USER) == "es-ES"
    assert locales.locale(client, "") is None and locales.locale(None, SPANISH_USER) is None
    assert len(slack_api.calls_to("users.info")) == 1


# ---------------------------------------------------------------------------------------------
# The gettext catalogs
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_compiled_catalogs_match_their_po_files(language):
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    with (LOCALES / "art67bot.pot").open("rb") as handle:
        template = read_po(handle)
    with (LOCALES / language / "LC_MESSAGES" / "art67bot.po").open("rb") as handle:
        po = read_po(handle)
    with (LOCALES / language / "LC_MESSAGES" / "art67bot.mo").open("rb") as handle:
        mo = read_mo(handle)

    def strings(catalog, fuzzy_too=True):
        def plain(value):
            return tuple(value) if isinstance(value, (list, tuple)) else value

        return {(m.context, plain(m.id)): plain(m.string) for m in catalog
                if m.id and (fuzzy_too or not m.fuzzy) and m.string}

    assert strings(mo) == strings(po, fuzzy_too=False), "run: pybabel compile -D art67bot -d bot/locales"
    assert {(m.context, m.id) for m in template if m.id} <= set(strings(po, fuzzy_too=False)), "untranslated"
    for (_, msgid), msgstr in strings(po).items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        texts = msgstr if isinstance(msgstr, tuple) else (msgstr,)
        wanted = set(re.findall(r"\{\w+\}", " ".join(ids)))
        assert all(set(re.findall(r"\{\w+\}", t)) == wanted for t in texts), msgid


def test_the_template_holds_every_string_of_the_code():
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[1]
    found = {(m[4], m[2] if isinstance(m[2], str) else m[2][0]) for m in extract_from_dir(
        str(root), method_map=[("bot/**.py", "python")])}
    with (LOCALES / "art67bot.pot").open("rb") as handle:
        template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id}
    assert found == template, "run: pybabel extract (README, Asking questions)"


@pytest.mark.parametrize("language,usage", [("en", "Usage: "), ("fr", "Utilisation : "), ("es", "Uso: ")])
def test_activities_help_in_each_language(language, usage):
    reply = render_help(language)
    english = render_help("en")
    assert reply.text.startswith(usage) and len(reply.blocks) == len(english.blocks)
    commands = [b["text"]["text"].split("\n")[0] for b in reply.blocks if b["type"] == "section"]
    assert commands == [b["text"]["text"].split("\n")[0] for b in english.blocks if b["type"] == "section"]
    assert_valid_message(reply.payload())


def test_help_comes_in_the_language_of_the_users_slack_locale(slack):
    from tests.conftest import MEMBER

    slack.api.users[MEMBER] = {"locale": "fr-FR"}
    status, french = slack.command("help", user=MEMBER)
    slack.api.users["UESPANOL"] = {"locale": "es-ES"}
    status, spanish = slack.command("help", user="UESPANOL")
    status, english = slack.command("help", user="UOTHER")
    assert french["text"] != english["text"] != spanish["text"] != french["text"]
    assert english["text"].startswith("Usage: ")
    assert spanish["text"].startswith("Uso: ")
    assert not french["text"].startswith("Usage: ") and "actividad" in json.dumps(spanish["blocks"], ensure_ascii=False)
