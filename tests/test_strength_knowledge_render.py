"""How answers are shown: the few-word summary (units grouped under their department, a unit of an agency
already named left out, funders last), topic and agency answers (other agencies, contacts, sources, what
is coming up), abstentions, the cited sources, and the list of stored reports."""

from datetime import date

from bot.core.knowledge.answering import AgencyAnswer, Answer
from bot.core.knowledge.base import Knowledge
from bot.core.knowledge.render import _clip, render_abstention, render_answer, render_documents, \
    render_mention_help, sources_mrkdwn, summary
from bot.core.records import Activity, Agency, Link, Source, Topic

AGENCIES = [Agency("DHS", "Department of Homeland Security"),
            Agency("CBP", "Customs and Border Protection", parent="DHS"),
            Agency("ICE", "Immigration and Customs Enforcement", parent="DHS"),
            Agency("DOC", "Department of Commerce"),
            Agency("USPTO", "Patent and Trademark Office", parent="DOC"),
            Agency("GIPA", "Global IP Academy", parent="USPTO"),
            Agency("USAID", "Agency for International Development")]
TOPICS = [Topic(f"t{i}", f"Topic {i}") for i in range(1, 8)]
KB = Knowledge(AGENCIES, TOPICS, [])
BORDER = Topic("border", "Border enforcement", name_fr="Mesures à la frontière", source="IP/C/W/1 ¶3")


def ans(acronym: str, role: str = "lead", description: str = "", **more) -> AgencyAnswer:
    agency = KB.by_acronym.get(acronym)
    return AgencyAnswer(acronym, agency.name if agency else acronym, agency.parent if agency else None, role,
                        description, **more)


# ---------------------------------------------------------------------------------------------
# The summary
# ---------------------------------------------------------------------------------------------

def test_the_summary_names_two_agencies_units_grouped_under_their_department():
    assert summary([ans("CBP"), ans("ICE"), ans("USPTO")], KB) == "CBP and ICE (Department of Homeland Security)"
    assert summary([ans("CBP"), ans("USPTO"), ans("ICE")], KB) == \
        "CBP (Department of Homeland Security) and USPTO (Department of Commerce)"
    assert summary([ans("CBP"), ans("ICE"), ans("USPTO")], KB, limit=3) == \
        "CBP and ICE (Department of Homeland Security) and USPTO (Department of Commerce)"
    assert summary([ans("CBP"), ans("ICE")], KB, language="fr") == "CBP et ICE (Department of Homeland Security)"


def test_the_summary_groups_only_neighbouring_units_of_one_department():
    # CBP and ICE share a department but USPTO stands between them: each is named with its own department
    assert summary([ans("CBP"), ans("USPTO"), ans("ICE")], KB, limit=3) == \
        "CBP (Department of Homeland Security) and USPTO (Department of Commerce) and " \
        "ICE (Department of Homeland Security)"
    # units of one department named one after the other share it, after an agency of another department
    assert summary([ans("USPTO"), ans("CBP"), ans("ICE")], KB, limit=3) == \
        "USPTO (Department of Commerce) and CBP and ICE (Department of Homeland Security)"


def test_the_summary_leaves_out_a_unit_or_a_department_of_an_agency_already_named():
    assert summary([ans("DHS"), ans("CBP"), ans("USPTO")], KB) == "DHS and USPTO (Department of Commerce)"
    assert summary([ans("CBP"), ans("DHS"), ans("USAID")], KB) == "CBP (Department of Homeland Security) and USAID"
    assert summary([ans("DOC"), ans("GIPA")], KB) == "DOC"  # a unit two levels down


def test_the_summary_names_funders_only_after_every_other_agency():
    assert summary([ans("USAID", "funder"), ans("CBP", "partner")], KB) == \
        "CBP (Department of Homeland Security) and USAID"
    assert summary([ans("USAID", "funder")], KB) == "USAID"


# ---------------------------------------------------------------------------------------------
# Topic answers
# ---------------------------------------------------------------------------------------------

def blocks_text(reply) -> str:
    return "\n".join(b["text"]["text"] if "text" in b else " ".join(e["text"] for e in b["elements"])
                     for b in reply.blocks)


def test_a_topic_without_agencies_says_none_is_linked():
    reply = render_answer(Answer("q", "topic", topic=BORDER), KB)
    assert reply.text == "Border enforcement: no agency is linked to this topic yet."
    assert len(reply.blocks) == 1 and reply.response_type == "in_channel"


def test_a_topic_answer_describes_five_agencies_and_lists_the_others():
    agencies = tuple(ans(a, description=f"{a} work.") for a in ("CBP", "ICE", "USPTO", "GIPA", "USAID", "DOC"))
    reply = render_answer(Answer("q", "topic", topic=BORDER, agencies=agencies), KB)
    shown = blocks_text(reply)
    assert all(f"*{a.acronym}* · " in shown for a in agencies[:5]) and "*DOC* · " not in shown
    assert "Also linked: DOC." in shown and "Topic source: IP/C/W/1 ¶3." in shown
    assert len(reply.text.split("\n")) == 6 and "DOC (lead)" not in reply.text


def test_exactly_five_agencies_have_no_also_linked_note():
    agencies = tuple(ans(a) for a in ("CBP", "ICE", "USPTO", "GIPA", "USAID"))
    shown = blocks_text(render_answer(Answer("q", "topic", topic=BORDER, agencies=agencies), KB))
    assert "Also linked" not in shown and "*USAID* · " in shown


def test_a_topic_answer_shows_contacts_sources_and_agencies_named_but_not_linked():
    cbp = ans("CBP", description="Seizes goods.", contact="ipr@cbp.example", source="CBP page",
              sources=(Source(title="CBP IPR", url="https://cbp.example/ipr"),))
    ice = ans("ICE", "partner")
    reply = render_answer(Answer("q", "topic", topic=BORDER, agencies=(cbp, ice), named=("FBI", "CBP")), KB)
    shown = blocks_text(reply)
    assert "FBI: not recorded for this topic; these agencies are." in shown and "CBP: not recorded" not in shown
    assert "*CBP* · Customs and Border Protection, part of Department of Homeland Security · lead\n" \
           "Seizes goods.\nContact: ipr@cbp.example" in shown
    assert "Source: <https://cbp.example/ipr|CBP IPR>" in shown
    assert "*ICE* · Immigration and Customs Enforcement, part of Department of Homeland Security · partner" in shown
    assert "CBP (lead): Seizes goods. Contact: ipr@cbp.example. Source: CBP page." in reply.text
    assert "ICE (partner): " in reply.text and "ICE (partner): Contact" not in reply.text


def test_a_topic_answer_without_agencies_named_has_no_unlinked_note_and_other_topics_are_mentioned():
    reply = render_answer(Answer("q", "topic", topic=BORDER, agencies=(ans("CBP"),), also=(TOPICS[0],)), KB)
    shown = blocks_text(reply)
    assert "not recorded" not in shown
    assert "You also asked about Topic 1; ask about it on its own for its agencies." in shown


def test_what_is_coming_up_is_listed_under_the_answer():
    coming = Activity(title="Border workshop", start_date=date(2026, 12, 1), agency="CBP", beneficiaries=("Peru",),
                      id=7)
    alone = Activity(title="Webinar", start_date=date(2026, 12, 9), agency="CBP", id=8)
    reply = render_answer(Answer("q", "topic", topic=BORDER, agencies=(ans("CBP"),)), KB, upcoming=[coming, alone])
    shown = blocks_text(reply)
    assert "*Coming up on Border enforcement*\n• " in shown
    assert "*#7 Border workshop* (CBP, for Peru)" in shown and "*#8 Webinar* (CBP)" in shown
    assert reply.text.count("Coming up: ") == 2
    assert "Coming up" not in blocks_text(render_answer(Answer("q", "topic", topic=BORDER, agencies=(ans("CBP"),)), KB))


# ---------------------------------------------------------------------------------------------
# Agency answers
# ---------------------------------------------------------------------------------------------

def test_an_agency_answer_shows_its_department_units_contact_and_first_source():
    usp = Agency("USPTO", "Patent and Trademark Office", parent="DOC", description="Examines patents.",
                 contact="help@uspto.example", source="written",
                 sources=(Source(document="Report", symbol="IP/C/W/9", paragraph="4", quote="It trains."),
                          Source(title="USPTO", url="https://uspto.example")))
    link = Link("border", "USPTO", role="partner", description="Trains officers.")
    reply = render_answer(Answer("q", "agency", agency=usp, covers=((BORDER, link),)), KB)
    shown = blocks_text(reply)
    assert "*USPTO* · Patent and Trademark Office, part of Department of Commerce\nExamines patents." in shown
    assert "• *Border enforcement* (partner): Trains officers." in shown
    assert "Its units: GIPA.\nContact: help@uspto.example" in shown
    lines = reply.text.split("\n")
    assert lines[0] == "USPTO (Patent and Trademark Office, part of Department of Commerce): Examines patents."
    assert lines[1] == "Border enforcement (partner)" and lines[2] == "Contact: help@uspto.example"
    assert lines[3] == "Source: " + usp.sources[0].text()


def test_an_agency_without_parent_units_contact_or_sources_shows_only_its_head():
    alone = Agency("USAID", "Agency for International Development")
    reply = render_answer(Answer("q", "agency", agency=alone), KB)
    assert len(reply.blocks) == 1 and reply.blocks[0]["text"]["text"] == "*USAID* · Agency for International Development"
    assert reply.text == "USAID (Agency for International Development): "


def test_an_agency_with_only_a_written_source_cites_it():
    dhs = Agency("DHS", "Department of Homeland Security", source="dhs.gov")
    reply = render_answer(Answer("q", "agency", agency=dhs), KB)
    assert "Its units: CBP, ICE." in blocks_text(reply) and reply.text.split("\n")[-1] == "Source: dhs.gov"
    assert "Source: dhs.gov" in blocks_text(reply)


# ---------------------------------------------------------------------------------------------
# Abstentions
# ---------------------------------------------------------------------------------------------

def test_an_abstention_suggests_its_topics_or_else_the_first_five_known():
    suggested = render_abstention(Answer("q", "none", suggestions=(TOPICS[6],)), KB)
    assert "Topics I know include Topic 7;" in suggested.text and suggested.response_type == "ephemeral"
    default = render_abstention(Answer("q", "none"), KB)
    assert "Topics I know include Topic 1, Topic 2, Topic 3, Topic 4, Topic 5;" in default.text


def test_an_abstention_names_the_member_whose_knowledge_was_asked():
    reply = render_abstention(Answer("q", "none", member="Japan"), KB)
    assert reply.text.startswith("I don't know that one. I can tell you which agency of Japan covers a topic")
    plain = render_abstention(Answer("q", "none"), KB)
    assert plain.text.startswith("I don't know that one. I can tell you which agency covers a topic")


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------

def test_sources_cite_documents_and_pages_at_most_two():
    document = Source(document="Report", symbol="IP/C/W/1", date="2025-10-01", paragraph="12", quote="We train.",
                      url="https://docs.example/r")
    plain = Source(document="Notes")
    page = Source(title="Agency page", url="https://agency.example")
    offline = Source(title="A leaflet", url="leaflet.pdf")
    assert sources_mrkdwn([document]) == \
        "Source: <https://docs.example/r|Report> (IP/C/W/1, 2025-10-01) ¶12: “We train.”"
    assert sources_mrkdwn([plain, page]) == "Sources: _Notes_ · <https://agency.example|Agency page>"
    assert sources_mrkdwn([offline, plain, page]) == "Sources: A leaflet · _Notes_"


def test_without_sources_the_written_source_or_nothing_is_cited():
    assert sources_mrkdwn([], "the agency's site") == "Source: the agency's site"
    assert sources_mrkdwn([], "") == ""


def test_a_link_keeps_its_address_whole_in_slack_markup():
    cited = sources_mrkdwn([Source(title="", url="https://x.example/a b|c<d>")])
    assert cited == "Source: <https://x.example/a%20b%7Cc%3Cd%3E|https://x.example/a b|c&lt;d&gt;>"


# ---------------------------------------------------------------------------------------------
# Stored reports
# ---------------------------------------------------------------------------------------------

def report(member: str, title: str, symbol: str = "", when: str = "") -> dict:
    return {"member": member, "title": title, "symbol": symbol, "date": when, "paragraphs": 10, "agencies": 3,
            "links": 4}


def test_stored_reports_are_listed_by_member_with_the_default_marked():
    reply = render_documents([report("Japan", "JP report", "IP/C/W/2", "2025-09-01"), report("Canada", "CA notes")],
                             "Japan")
    assert reply.blocks[0]["text"]["text"] == \
        "*Japan* (default)\n• _JP report_ (IP/C/W/2, 2025-09-01): 10 paragraphs, 3 agencies, 4 links"
    assert reply.blocks[1]["text"]["text"] == "*Canada*\n• _CA notes_ (undated): 10 paragraphs, 3 agencies, 4 links"
    assert reply.blocks[-1]["elements"][0]["text"] == \
        "Ask about any of them: “who handles border measures in Japan?”."
    assert reply.text.split("\n")[2] == "Canada: CA notes (undated): 10 paragraphs, 3 agencies, 4 links"


def test_more_than_forty_reports_are_counted_not_listed():
    reply = render_documents([report(f"Member {i}", f"R{i}") for i in range(43)], "Member 0")
    assert len(reply.blocks) == 41
    assert reply.blocks[-1]["elements"][0]["text"].startswith("… and 3 more (`art67bot knowledge list` shows all).")
    one_more = render_documents([report(f"Member {i}", f"R{i}") for i in range(41)], "Member 0")
    assert one_more.blocks[-1]["elements"][0]["text"].startswith("… and 1 more (")


def test_no_stored_report_says_how_to_teach_one():
    reply = render_documents([], "Japan")
    assert reply.text.startswith("No report is stored yet.") and reply.response_type == "ephemeral"


def test_a_long_section_is_cut_at_a_line_within_slacks_limit():
    exact = "x" * 3000
    assert _clip(exact) == exact
    long = "\n".join(["y" * 99] * 31)  # 3099 characters
    cut = _clip(long)
    assert len(cut) <= 3000 and cut.endswith("\n…") and cut[:-2] == "\n".join(["y" * 99] * 29)
    assert _clip("a\nbb\ncc", limit=5) == "a\n…"
    # a line that fits whole together with the ellipsis is kept: the cut text is exactly the limit long
    assert _clip("ab\ncd\nef", limit=7) == "ab\ncd\n…"


def test_a_passage_answer_quotes_the_report_sentence_and_names_the_agencies_to_ask():
    quote = Source(document="Report", paragraph="8", quote="CBP trains customs officers.")
    answer = Answer("q", "passage", agencies=(ans("CBP", sources=(quote,)), ans("USPTO", "partner")),
                    source="Report ¶8")
    reply = render_answer(answer, KB)
    assert reply.response_type == "in_channel"
    assert reply.text == "Ask CBP (Department of Homeland Security) and USPTO (Department of Commerce). " \
                         "Source: Report ¶8"
    assert reply.blocks[0]["text"]["text"].split("\n")[1:] == [
        "*CBP* · Customs and Border Protection, part of Department of Homeland Security · lead",
        "*USPTO* · Patent and Trademark Office, part of Department of Commerce · partner"]
    assert "¶8: “CBP trains customs officers.”" in blocks_text(reply)


# ---------------------------------------------------------------------------------------------
# A mention without a question
# ---------------------------------------------------------------------------------------------

def test_a_mention_without_a_question_is_answered_in_the_channel_with_example_questions():
    reply = render_mention_help()
    assert reply.response_type == "in_channel"
    assert reply.text.startswith("Hi! Ask me which agency covers a topic of IP technical assistance")
    assert "“who handles border enforcement?”, “which agency deals with counterfeit medicines?”, " \
           "“what does CCIPS do?”" in reply.text
    assert reply.text.endswith("`/activities help` lists every command.")
    assert [b["text"]["text"] for b in reply.blocks] == [reply.text]
