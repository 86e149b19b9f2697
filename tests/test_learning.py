"""Learning a Member's report: the CLI (dry run, --apply, --json), storage (replace on relearn, keep
links made by hand), several Members in one workspace, and questions naming a Member through Slack."""

import json

import pytest

from bot.offline.web_api import Call

from bot.core.knowledge.sentences import quote_parts
from bot.learning import apply, learn
from bot.questions import UnknownMember, ask
from storage.documents import document_paragraphs, list_documents
from tests.test_cli import run_cli
from tests.conftest import assert_valid_message
from tests.test_slack_questions import mention, posted

REPORT = """Technical cooperation activities: information from Members — Freedonia

The following communication, dated 1 October 2025, is being circulated at the request of the delegation of Freedonia.

1. This report covers technical assistance provided by Freedonia from July 2024 to June 2025.
2. The agencies involved include the Ministry of Economy (MOE), including the Freedonia Intellectual Property Office (FIPO) and the Freedonia Customs Service (FCS); and the Development Cooperation Agency (DCA).
3. FIPO trains patent examiners from partner offices on search and examination practice.
4. The FCS delivered workshops on border measures against counterfeit goods for customs officers, funded by the DCA.
5. FIPO also runs an awareness campaign on copyright for students.
"""


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "freedonia-2025.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_dry_run_writes_nothing_and_apply_stores_quoted_links(report, tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    dry = run_cli("knowledge", "learn", str(report), "--member", "Freedonia", "--json", "--db", db)
    assert dry.returncode == 0, dry.stderr
    proposal = json.loads(dry.stdout)
    assert proposal["document"] == {"member": "Freedonia", "title": proposal["document"]["title"],
                                    "symbol": "", "date": "2025-10-01", "paragraphs": 5}
    agencies = {a["acronym"]: a for a in proposal["agencies"]}
    assert agencies["FIPO"]["parent"] == "MOE" and agencies["FCS"]["parent"] == "MOE"
    assert agencies["FIPO"]["name"] == "Freedonia Intellectual Property Office"
    links = {(l["topic"], l["agency"]): l for l in proposal["links"]}
    assert links[("patents", "FIPO")]["paragraph"] == "3"
    assert links[("patents", "FIPO")]["quote"] == "FIPO trains patent examiners from partner offices on search and examination practice."
    assert links[("border-enforcement", "FCS")]["role"] == "lead"
    assert links[("border-enforcement", "DCA")]["role"] == "funder"
    nothing = run_cli("ask", "who trains patent examiners?", "--member", "Freedonia", "--db", db)
    assert nothing.returncode == 2 and "no knowledge of Freedonia" in nothing.stderr  # the dry run stored nothing

    stored = run_cli("knowledge", "learn", str(report), "--member", "Freedonia", "--apply", "--db", db)
    assert stored.returncode == 0 and "Stored." in stored.stdout
    answer = json.loads(run_cli("ask", "who trains patent examiners?", "--member", "Freedonia", "--json",
                                "--db", db).stdout)
    assert answer["member"] == "Freedonia" and answer["agencies"][0]["acronym"] == "FIPO"
    first = answer["agencies"][0]["sources"][0]
    assert first["paragraph"] == "3" and first["quote"].startswith("FIPO trains patent examiners")
    assert "Freedonia" in answer["source"] and "seed" not in answer["source"]


def test_every_stored_quote_is_its_paragraph_word_for_word(services, report):
    proposal = learn(report.read_bytes(), report.name, services, member="Freedonia")
    apply(proposal, services)
    with services.db.session() as session:
        paragraphs = dict(document_paragraphs(session, "Freedonia", proposal.document.title))
    knowledge = services.knowledge("Freedonia")
    quotes = [s for link in knowledge.links for s in link.sources] + [s for a in knowledge.agencies for s in a.sources]
    assert quotes
    for source in quotes:
        assert len(source.quote) <= 300
        assert all(part in paragraphs[source.paragraph] for part in quote_parts(source.quote))


def test_learning_again_replaces_the_document_and_keeps_links_made_by_hand(services, report):
    from storage.knowledge import link_topic

    apply(learn(report.read_bytes(), report.name, services, member="Freedonia"), services)
    with services.db.session() as session:
        link_topic(session, "trade-secrets", "FIPO", role="lead", source="https://fipo.example/secrets",
                   member="Freedonia")
    changed = REPORT.replace("5. FIPO also runs an awareness campaign on copyright for students.\n", "")
    report.write_text(changed, encoding="utf-8")
    apply(learn(report.read_bytes(), report.name, services, member="Freedonia"), services)
    knowledge = services.knowledge("Freedonia")
    pairs = {(l.topic, l.agency) for l in knowledge.links}
    assert ("copyright", "FIPO") not in pairs  # that sentence is gone
    assert ("trade-secrets", "FIPO") in pairs and ("patents", "FIPO") in pairs
    with services.db.session() as session:
        assert [d["paragraphs"] for d in list_documents(session) if d["member"] == "Freedonia"] == [4]


def test_members_coexist_and_a_question_selects_one(services, report):
    apply(learn(report.read_bytes(), report.name, services, member="Freedonia"), services)
    us, _ = ask("who handles border enforcement?", services)
    assert us.member == "United States of America" and us.agencies[0].acronym == "CBP"
    other, _ = ask("Freedonia: who handles border measures?", services)
    assert other.member == "Freedonia" and other.agencies[0].acronym == "FCS"
    with pytest.raises(UnknownMember) as unknown:
        ask("who handles border measures in Japan?", services)
    assert "Japan" in str(unknown.value) and "Freedonia" in str(unknown.value)
    assert "United States of America" in str(unknown.value)


def test_a_mention_naming_a_member_is_answered_from_its_report(slack, slack_api, services, report):
    apply(learn(report.read_bytes(), report.name, services, member="Freedonia"), services)
    slack.event(mention("who trains patent examiners in Freedonia?"))
    message = posted(slack_api)[0]
    text = json.dumps(message["blocks"])
    assert "FIPO" in text and "FIPO trains patent examiners" in text and "seed" not in text.lower()


PROGRAMME = REPORT + """6. The Amber Bridge programme, which links Freedonian universities with partner universities, is run by the DCA.
7. Partner offices asked about utility models; no activity on them took place.
"""


def test_a_learned_report_answers_from_its_own_sentences_and_only_for_what_it_mentions(slack, slack_api,
                                                                                       services, tmp_path):
    path = tmp_path / "freedonia.txt"
    path.write_text(PROGRAMME, encoding="utf-8")
    apply(learn(path.read_bytes(), path.name, services, member="Freedonia"), services)

    # no topic names the programme: the sentence that does answers, quoted word for word
    slack.event(mention("who runs the Amber Bridge programme in Freedonia?"))
    message = posted(slack_api)[0]
    assert_valid_message(message)
    blob = json.dumps(message["blocks"], ensure_ascii=False)
    assert "*DCA*" in blob and "¶6" in blob and "is run by the DCA" in blob
    answer, _ = ask("who runs the Amber Bridge programme?", services, member="Freedonia")
    assert [a.acronym for a in answer.agencies] == ["DCA"]
    assert answer.agencies[0].sources[0].quote in PROGRAMME

    # the report never mentions industrial designs or piracy: patents and copyright do not answer for them
    for silent in ("who handles industrial designs?", "who deals with online piracy?",
                   "who handles the office coffee machine?"):
        answer, _ = ask(silent, services, member="Freedonia")
        assert answer.abstained, (silent, answer.agencies)
    assert ask("who handles patents?", services, member="Freedonia")[0].agencies[0].acronym == "FIPO"
    # the shipped U.S. knowledge, written by hand, still answers for designs within patents
    assert ask("who handles industrial designs?", services)[0].agencies[0].acronym == "USPTO"


def test_unreadable_files_get_a_clear_message_and_write_nothing(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    bad = tmp_path / "report.xyz"
    bad.write_text("hello")
    result = run_cli("knowledge", "learn", str(bad), "--member", "Freedonia", "--apply", "--db", db)
    assert result.returncode == 2 and "unsupported file type" in result.stderr
    listing = run_cli("knowledge", "list", "--json", "--db", db)
    assert all(d["member"] != "Freedonia" for d in json.loads(listing.stdout))


def _report_dm(slack_api, report, user):  # a file sent to the bot in a DM

    file = slack_api.share_file(report.name, report.read_bytes(), user=user)
    return {"type": "message", "subtype": "file_share", "user": user, "text": "", "ts": "1718000000.000300",
            "event_ts": "1718000000.000300", "channel": "D0DM", "channel_type": "im", "files": [file]}


def test_an_admin_sends_a_report_in_a_dm_then_applies_it(slack, slack_api, services, report):
    from tests.conftest import ADMIN
    from tests.test_slack_deadlines import click

    slack.event(_report_dm(slack_api, report, ADMIN))
    [proposal_call] = slack_api.wait_for("chat.postMessage")
    assert_valid_message(proposal_call.params)
    blob = json.dumps(proposal_call.params["blocks"])
    assert "FIPO" in blob and "Apply" in blob and "Discard" in blob
    assert slack_api.calls_to("file_download")  # read from Slack, through the bot token
    assert "Freedonia" not in services.members()  # nothing stored before Apply

    click(slack.app, slack_api, proposal_call, "knowledge_apply", user=ADMIN)
    [confirmation] = slack_api.wait_for("response_url")
    assert "Stored" in confirmation.params["text"] and "Freedonia" in services.members()
    answer, _ = ask("who trains patent examiners?", services, member="Freedonia")
    assert answer.agencies[0].acronym == "FIPO"


def test_discard_and_non_admins_store_nothing(slack, slack_api, services, report):
    from tests.conftest import ADMIN, MEMBER
    from tests.test_slack_deadlines import click

    slack.event(_report_dm(slack_api, report, MEMBER))
    [refusal] = slack_api.wait_for("chat.postMessage")
    assert "Only admins" in refusal.params["text"] and not slack_api.calls_to("file_download")
    slack_api.clear()
    slack.event(_report_dm(slack_api, report, ADMIN), event_id="Ev2")
    [proposal_call] = slack_api.wait_for("chat.postMessage")
    click(slack.app, slack_api, proposal_call, "knowledge_discard", user=ADMIN)
    [done] = slack_api.wait_for("response_url")
    assert "nothing was stored" in done.params["text"] and "Freedonia" not in services.members()


def test_an_admin_shares_a_report_in_a_channel_and_learns_it_with_the_command(slack, slack_api, services, report):
    from tests.conftest import ADMIN
    from tests.test_slack_deadlines import click

    slack_api.share_file(report.name, report.read_bytes(), user=ADMIN, channel="C0CHAN")
    status, ack = slack.command("knowledge learn", user=ADMIN, channel="C0CHAN")
    assert status == 200 and "Reading the report" in ack["text"] and ack["response_type"] == "ephemeral"
    [proposal] = slack_api.wait_for("response_url")
    assert_valid_message(proposal.params)
    assert proposal.params["response_type"] == "ephemeral"  # only the admin sees the proposal
    blob = json.dumps(proposal.params["blocks"])
    assert "FIPO" in blob and "knowledge_apply" in blob and "Freedonia" not in services.members()
    [listed] = slack_api.calls_to("files.list")
    assert listed.params["channel"] == "C0CHAN" and listed.params["user"] == ADMIN

    slack_api.clear()
    in_channel = Call("response_url", {**proposal.params, "channel": "C0CHAN"})  # the ephemeral message
    click(slack.app, slack_api, in_channel, "knowledge_apply", user=ADMIN)
    [stored] = slack_api.wait_for("response_url")
    assert "Stored" in stored.params["text"] and "Freedonia" in services.members()

    status, listing = slack.command("knowledge")
    assert status == 200 and listing["response_type"] == "ephemeral"
    assert_valid_message(listing)
    text = listing["text"]
    assert "Freedonia: Technical cooperation activities" in text and "5 paragraphs" in text
    assert "United States" in text  # the shipped report is listed too


def test_learn_command_takes_a_file_link_and_explains_when_there_is_no_report(slack, slack_api, services,
                                                                              report):
    from tests.conftest import ADMIN, MEMBER

    status, ack = slack.command("knowledge learn", user=ADMIN)
    [nothing] = slack_api.wait_for("response_url")
    assert "found no report" in nothing.params["text"] and not slack_api.calls_to("file_download")

    file = slack_api.share_file(report.name, report.read_bytes(), user=MEMBER, channel="C0OTHER")
    slack_api.clear()
    link = f"https://art67.slack.com/files/{MEMBER}/{file['id']}/{report.name}"
    slack.command(f"knowledge learn <{link}>", user=ADMIN)
    [proposal] = slack_api.wait_for("response_url")
    assert "FIPO" in json.dumps(proposal.params["blocks"])
    assert slack_api.calls_to("files.info")[0].params["file"] == file["id"]

    slack_api.clear()
    status, refusal = slack.command("knowledge learn", user=MEMBER)
    assert "Only art67bot admins" in refusal["text"] and refusal["response_type"] == "ephemeral"
    status, wrong = slack.command("knowledge learn not-a-file")
    assert "not a link to a Slack file" in wrong["text"]
    assert not slack_api.wait_for("response_url", timeout=0.3)  # neither was read in the background


def test_activities_keep_the_reporting_members_agency_when_another_member_uses_its_acronym(
        slack, services, tmp_path):
    other = tmp_path / "ruritania.txt"
    other.write_text("1. The Ruritanian Customs Bureau (CBP) trains customs officers on border measures.\n",
                     encoding="utf-8")
    apply(learn(other.read_bytes(), other.name, services, member="Ruritania"), services)
    assert "Ruritania" in services.members()
    status, added = slack.command("add title: Border workshop | start: 2030-03-01 | beneficiaries: Peru | "
                                  "agency: CBP | topics: border enforcement")
    assert status == 200 and "Border workshop" in added["text"], added
    [activity_id] = [int(n) for n in __import__("re").findall(r"#(\d+)", added["text"])][:1]
    status, shown = slack.command(f"show {activity_id}")
    assert "Customs and Border Protection" in json.dumps(shown) and "Ruritanian" not in json.dumps(shown)
