"""Beneficiaries are WTO Members, observers and regional bodies, stored under the WTO's names."""

import json
import logging
from datetime import date, timedelta

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from bot.cli import main
from bot.core import beneficiaries as b
from bot.core.forms import validate_activity
from storage import Database
from storage import activities as store
from storage.db import alembic_config
from tests import factories
from tests.conftest import TODAY
from tests.test_cli import write_csv
from tests.test_slack_add_form import open_form, opened_view, state, submit



@pytest.mark.parametrize("typed,wto", [
    ("Vietnam", "Viet Nam"), ("viêt-nam", "Viet Nam"), ("VNM", "Viet Nam"), ("Turkey", "Türkiye"),
    ("turkiye", "Türkiye"), ("Turquie", "Türkiye"), ("Turquía", "Türkiye"), ("Ivory Coast", "Côte d'Ivoire"),
    ("COTE D'IVOIRE", "Côte d'Ivoire"), ("cote divoire", "Côte d'Ivoire"), ("Costa de Marfil", "Côte d'Ivoire"),
    ("Hong Kong", "Hong Kong, China"), ("HKG", "Hong Kong, China"), ("Taiwan", "Chinese Taipei"),
    ("TWN", "Chinese Taipei"), ("Macau", "Macao, China"), ("South Korea", "Korea, Republic of"),
    ("Korea", "Korea, Republic of"), ("Corée, République de", "Korea, Republic of"),
    ("Laos", "Lao People's Democratic Republic"), ("Bolivia", "Bolivia, Plurinational State of"),
    ("Venezuela", "Venezuela, Bolivarian Republic of"), ("Moldova", "Moldova, Republic of"),
    ("Kyrgyzstan", "Kyrgyz Republic"), ("Swaziland", "Eswatini"), ("Macedonia", "North Macedonia"),
    ("Russia", "Russian Federation"), ("Czechia", "Czech Republic"), ("Cape Verde", "Cabo Verde"),
    ("Burma", "Myanmar"), ("DRC", "Democratic Republic of the Congo"),
    ("Democratic Republic of Congo", "Democratic Republic of the Congo"), ("USA", "United States"),
    ("UK", "United Kingdom"), ("EU", "European Union"), ("St Kitts and Nevis", "Saint Kitts and Nevis"),
    ("Pérou", "Peru"), ("Perú", "Peru"), ("Estados Unidos", "United States"), ("Afrique du Sud", "South Africa"),
    ("Sudáfrica", "South Africa"), ("the Gambia", "Gambia"), ("CAN", "Canada"), ("Lebanon", "Lebanese Republic"),
    ("Sao Tome and Principe", "Sao Tomé and Principe"), ("ARIPO", "African Regional Intellectual Property Organization"),
    ("OAPI", "African Intellectual Property Organization"), ("GCC Patent Office",
     "Patent Office of the Cooperation Council for the Arab States of the Gulf"),
])
def test_every_spelling_finds_the_wto_name(typed, wto):
    assert b.canonical(typed).name == wto
    assert b.canonical_name(typed) == wto


def test_unknown_names_and_suggestions():
    assert b.canonical("Narnia") is None and b.canonical("") is None
    assert b.suggest("Vietnm") == ["Viet Nam"]
    assert b.suggest("Peruu")[0] == "Peru" and b.suggest("Chille")[0] == "Chile"
    assert b.suggest("Kenia")[0] == "Kenya"
    assert b.suggest("Qwxzv") == []  # nothing close: no suggestion
    assert "did you mean" not in b.unknown_message("Qwxzv")
    message = b.unknown_message("Vietnm")
    assert message.startswith('Unknown beneficiary "Vietnm" — did you mean "Viet Nam"?')
    assert "(other)" in message  # how to record a name outside the list


def test_resolve_other_and_allow_unknown():
    names, errors = b.resolve(["Vietnam", "Viet Nam", "Pacific Islands (other)", "Peru (OTHER)", "Narnia"])
    assert names == ["Viet Nam", "Pacific Islands", "Peru"]  # once each; the suffix is not stored
    assert len(errors) == 1 and 'Unknown beneficiary "Narnia"' in errors[0]
    assert b.resolve(["Narnia"], allow_unknown=True) == (["Narnia"], [])
    assert b.export_name("Pacific Islands") == "Pacific Islands (other)" and b.export_name("Peru") == "Peru"


def test_ldc_status_follows_the_un_list():
    assert b.is_ldc("Bangladesh") and b.is_ldc("DRC") and b.is_ldc("Timor-Leste") and b.is_ldc("Ethiopia")
    assert not b.is_ldc("Bhutan")  # graduated in December 2023
    assert not b.is_ldc("Sao Tome and Principe")  # graduated in December 2024
    assert not b.is_ldc("Vanuatu") and not b.is_ldc("Narnia")
    assert b.count_ldcs(["Nepal", "Peru", "Nepal", "Haiti"]) == 2


def test_no_spelling_is_shared_by_two_entries():
    seen = {}
    for entry in b.entries():
        for name in entry.names():
            if name:
                assert seen.setdefault(b.key(name), entry.name) == entry.name, name


def test_search_words_use_the_wto_names():
    assert b.search_words("workshop Vietnam") == "workshop Viet Nam"
    assert b.search_words("South Korea patents") == "Korea Republic of patents"
    assert b.search_words("car parts") == "car parts"  # a short lower-case word is not a code


def test_validation_stores_the_wto_name_and_refuses_unknown_names(services):
    kb = services.knowledge()
    fields = {"title": "Course", "start_date": "2026-09-15", "beneficiaries": "Vietnam; Turkey",
              "agency": "USPTO"}
    new, errors = validate_activity(fields, kb, today=TODAY)
    assert errors == [] and new.beneficiaries == ("Viet Nam", "Türkiye")
    new, errors = validate_activity({**fields, "beneficiaries": "Peru; Veitnam"}, kb, today=TODAY)
    assert new is None and [e.field for e in errors] == ["beneficiaries"]
    assert 'did you mean "Viet Nam"' in errors[0].message


def test_slack_add_answers_did_you_mean_and_writes_nothing(slack, db):
    status, payload = slack.command("add title: X | start: 2026-07-01 | beneficiaries: Peru; Vietnm | agency: CBP")
    assert status == 200 and payload["response_type"] == "ephemeral"
    assert 'Unknown beneficiary "Vietnm" — did you mean "Viet Nam"?' in payload["text"]
    assert "Nothing was saved" in json.dumps(payload["blocks"])
    with db.session() as s:
        assert store.all_activities(s) == []
    status, payload = slack.command("add title: X | start: 2026-07-01 | beneficiaries: Vietnam; "
                                    "Pacific Islands (other) | agency: CBP")
    assert "Added activity #" in payload["text"]
    with db.session() as s:
        [stored] = store.all_activities(s)
    assert stored.beneficiaries == ("Viet Nam", "Pacific Islands")


def test_the_form_refuses_an_unknown_name_on_its_field(app, slack_api, db):
    open_form(app, slack_api)
    view = opened_view(slack_api)
    answer = submit(app, view, state(beneficiaries="Peru; Narniaa"))
    assert answer["response_action"] == "errors"
    assert 'Unknown beneficiary "Narniaa"' in answer["errors"]["beneficiaries"]
    assert submit(app, view, state(beneficiaries="Ivory Coast; Peru")) in ({}, {"response_action": "clear"})
    with db.session() as s:
        [stored] = store.all_activities(s)
    assert stored.beneficiaries == ("Côte d'Ivoire", "Peru")


def test_upcoming_and_search_find_the_wto_name_by_any_spelling(slack, db):
    with db.session() as s:
        factories.store(s, [factories.activity("Patent course", TODAY + timedelta(days=3),
                                               beneficiaries=("Viet Nam", "Türkiye"))])
    for filters in ("beneficiary:Vietnam", "beneficiary:VNM", "beneficiary:turkey", "for:Turquía"):
        _, payload = slack.command(f"upcoming {filters}")
        assert "Patent course" in payload["text"], filters
    _, payload = slack.command("upcoming beneficiary:Peru")
    assert "Patent course" not in payload["text"]
    for words in ("Vietnam", "course Turkey", "viet nam"):
        _, payload = slack.command(f"search {words}")
        assert "Patent course" in json.dumps(payload, ensure_ascii=False), words


def test_cli_command_answers_did_you_mean(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    start = (date.today() + timedelta(days=9)).isoformat()
    main(["command", f"/activities add title: T | start: {start} | beneficiaries: Chille | agency: CBP", "--db", db])
    out = capsys.readouterr().out
    assert 'Unknown beneficiary "Chille" — did you mean "Chile"?' in out
    with Database(db).session() as s:
        assert store.all_activities(s) == []


def test_import_refuses_unknown_names_with_the_line_and_the_hint(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    path = write_csv(tmp_path / "in.csv", ["Good,2026-09-15,,Vietnam; Peru,USPTO,,,",
                                           "Bad,2026-09-16,,Peru; Veitnam,USPTO,,,"])
    assert main(["import", str(path), "--db", db]) == 1
    err = capsys.readouterr().err
    assert 'line 3: Unknown beneficiary "Veitnam" — did you mean "Viet Nam"?' in err
    with Database(db).session() as s:
        assert store.all_activities(s) == []
    assert main(["import", str(path), "--db", db, "--allow-unknown"]) == 0
    with Database(db).session() as s:
        assert [a.beneficiaries for a in store.all_activities(s)] == [("Viet Nam", "Peru"), ("Peru", "Veitnam")]


def test_import_takes_other_and_export_round_trips_it(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    path = write_csv(tmp_path / "in.csv", ["Course,2026-09-15,,Pacific Islands (other); Fiji,USPTO,,,"])
    assert main(["import", str(path), "--db", db]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", "--db", db, "-o", str(out)]) == 0
    assert "Pacific Islands (other); Fiji" in out.read_text(encoding="utf-8")
    second = f"sqlite:///{tmp_path / 'y.db'}"
    assert main(["import", str(out), "--db", second]) == 0
    with Database(second).session() as s:
        assert [a.beneficiaries for a in store.all_activities(s)] == [("Pacific Islands", "Fiji")]


def test_members_cli_json(capsys):
    assert main(["members", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    for entry in listed:
        assert {"name", "code", "ldc", "kind", "name_fr", "name_es", "region"} <= set(entry)
        assert isinstance(entry["ldc"], bool) and entry["kind"] in ("member", "observer", "body")
    kinds = {kind: sum(e["kind"] == kind for e in listed) for kind in b.KINDS}
    assert kinds["member"] == 166 and kinds["observer"] >= 20 and kinds["body"] >= 10
    assert sum(e["ldc"] for e in listed) == 41  # the UN's 44 but Eritrea, Kiribati and Tuvalu (outside the WTO)
    assert main(["members", "--json", "--all"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert sum(e["ldc"] for e in every) == 44 and {"Kiribati", "Tuvalu", "Eritrea"} <= {e["name"] for e in every}
    assert {e["kind"] for e in every} - {e["kind"] for e in listed} == {"non-member"}
    by_name = {e["name"]: e for e in listed}
    assert by_name["Viet Nam"]["code"] == "VNM" and by_name["Chinese Taipei"]["code"] == "TWN"
    assert by_name["European Union"]["code"] == "" and by_name["European Union"]["kind"] == "member"
    assert by_name["Comoros"]["ldc"] and by_name["Timor-Leste"]["kind"] == "member"
    assert by_name["Serbia"]["kind"] == "observer" and by_name["ARIPO" if "ARIPO" in by_name else
                                                                 "African Regional Intellectual Property Organization"]["kind"] == "body"
    assert main(["members"]) == 0
    assert "Members (166):" in capsys.readouterr().out


OLD = [("Old one", ["Vietnam", "Turkey", "Narnia"]), ("Old two", ["Viet Nam", "Vietnam", "Ivory Coast"]),
       ("Old three", ["Peru"])]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_migration_renames_stored_names_and_keeps_unknown_ones(backend, request, tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0013")
    with engine.begin() as connection:
        agency = connection.execute(text("INSERT INTO agencies (member, acronym, name, aliases, description, contact, "
                                         "source) VALUES ('', 'USPTO', 'USPTO', '[]', '', '', '') RETURNING id")).scalar()
        for title, names in OLD:
            keys = "|" + "".join(name.lower() + "|" for name in names)
            connection.execute(text(
                "INSERT INTO activities (title, start_date, span_days, agency_id, beneficiaries, topics, "
                "beneficiary_keys, topic_keys, search_text, location, description, url, source_document, created_by, "
                "created_at, updated_at) VALUES (:title, '2026-09-15', 0, :agency, :names, '[]', :keys, '|', '', '', "
                "'', '', '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"),
                {"title": title, "agency": agency, "names": json.dumps(names), "keys": keys})
    with caplog.at_level(logging.INFO, logger="alembic"), engine.begin() as connection:
        command.upgrade(alembic_config(connection), "heads")
    assert "'Narnia' (1)" in caplog.text  # reported, and kept
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT title, beneficiaries, beneficiary_keys FROM activities "
                                       "ORDER BY id")).all()
        counted = dict(connection.execute(text("SELECT key, activities FROM filter_key_counts "
                                               "WHERE kind = 'beneficiary'")).all())
    engine.dispose()
    # the activities stored before are counted under the names they were renamed to (migration 0015)
    assert counted == {"viet nam": 2, "turkiye": 1, "narnia": 1, "cote d'ivoire": 1, "peru": 1}
    stored = {title: (json.loads(names) if isinstance(names, str) else names, keys) for title, names, keys in rows}
    assert stored["Old one"] == (["Viet Nam", "Türkiye", "Narnia"], "|viet nam|turkiye|narnia|")
    assert stored["Old two"] == (["Viet Nam", "Côte d'Ivoire"], "|viet nam|cote d'ivoire|")
    assert stored["Old three"] == (["Peru"], "|peru|")
    assert store.keys(["Viet Nam", "Türkiye", "Narnia"]) == "|viet nam|turkiye|narnia|"  # as the bot computes them
