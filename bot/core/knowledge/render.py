"""Block Kit rendering of answers to questions (bot/core/knowledge/answering.py): pure functions to a Reply."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.knowledge.answering import AgencyAnswer, Answer
from bot.core.dates import format_range
from bot.core.knowledge.base import Knowledge
from bot.core.records import Activity, Reply, Source
from bot.core.render import activity_plain, context, section
from bot.core.text import escape_mrkdwn as esc

MAX_AGENCIES = 5  # agencies described one by one; the JSON answer lists them all
EXAMPLES = ("who handles border enforcement?", "which agency deals with counterfeit medicines?",
            "what does CCIPS do?")


def render_answer(answer: Answer, knowledge: Knowledge, upcoming: Sequence[Activity] = ()) -> Reply:
    """A topic answer or a reverse look-up (posted for all to see), or an abstention (ephemeral)."""
    if answer.kind == "topic":
        return _render_topic(answer, knowledge, upcoming)
    if answer.kind == "agency":
        return _render_agency(answer, knowledge, upcoming)
    if answer.kind == "passage":
        return _render_passage(answer, knowledge)
    return render_abstention(answer, knowledge)


def _render_passage(answer: Answer, knowledge: Knowledge) -> Reply:
    """No topic of the knowledge base, but a sentence of the Member's report answers: it is quoted."""
    best = summary(answer.agencies, knowledge)
    lines = [f"*{esc(a.acronym)}* · {esc(a.name)}{esc(_parent_note(a, knowledge))} · {esc(a.role)}"
             for a in answer.agencies[:MAX_AGENCIES]]
    first = answer.agencies[0]
    blocks = [section(f"Ask *{esc(best)}*: the report says so in a sentence on this.\n" + "\n".join(lines)),
              context(sources_mrkdwn(first.sources, first.source))]
    text = f"Ask {best}. Source: {answer.source}"
    return Reply(text=text, blocks=blocks, response_type="in_channel")


def summary(agencies: Sequence[AgencyAnswer], knowledge: Knowledge, limit: int = 2) -> str:
    """The best answer in a few words, units before their parent department:
    'CBP and ICE (U.S. Department of Homeland Security)', 'USCO (Library of Congress) and USPTO (…)'."""
    picked: list[AgencyAnswer] = []
    for candidate in sorted(agencies, key=lambda a: a.role == "funder"):  # funders only if nothing else
        related = any(candidate.acronym in knowledge.with_sub_units(p.acronym)
                      or p.acronym in knowledge.with_sub_units(candidate.acronym) for p in picked)
        if not related:
            picked.append(candidate)
        if len(picked) == limit:
            break
    groups: list[tuple[str | None, list[str]]] = []
    for agency in picked:
        if groups and groups[-1][0] == agency.parent:
            groups[-1][1].append(agency.acronym)
        else:
            groups.append((agency.parent, [agency.acronym]))
    parts = []
    for parent, acronyms in groups:
        names = " and ".join(acronyms)
        parts.append(f"{names} ({knowledge.agency_label(parent)})" if parent else names)
    return " and ".join(parts)


def _parent_note(agency: AgencyAnswer, knowledge: Knowledge) -> str:
    return f", part of {knowledge.agency_label(agency.parent)}" if agency.parent else ""


def _render_topic(answer: Answer, knowledge: Knowledge, upcoming: Sequence[Activity]) -> Reply:
    topic = answer.topic
    assert topic is not None
    best = summary(answer.agencies, knowledge)
    if not answer.agencies:
        text = f"{topic.name}: no agency is linked to this topic yet."
        return Reply(text=text, blocks=[section(esc(text))], response_type="in_channel")
    blocks = [section(f"*{esc(topic.name)}*: ask *{esc(best)}*.")]
    unlinked = [a for a in answer.named if a not in {x.acronym for x in answer.agencies}]
    if unlinked:
        blocks.append(context(esc(f"{', '.join(unlinked)}: not recorded for this topic; "
                                  "these agencies are.")))
    for agency in answer.agencies[:MAX_AGENCIES]:
        lines = [f"*{esc(agency.acronym)}* · {esc(agency.name)}{esc(_parent_note(agency, knowledge))} · "
                 f"{esc(agency.role)}", esc(agency.description)]
        if agency.contact:
            lines.append(f"Contact: {esc(agency.contact)}")
        blocks.append(section("\n".join(line for line in lines if line)))
        cited = sources_mrkdwn(agency.sources, agency.source)
        if cited:
            blocks.append(context(cited))
    more = len(answer.agencies) - MAX_AGENCIES
    notes = []
    if more > 0:
        notes.append(f"Also linked: {esc(', '.join(a.acronym for a in answer.agencies[MAX_AGENCIES:]))}.")
    notes.append(_topic_origin(topic.paragraph, topic.source))
    if answer.also:
        notes.append("You also asked about " + esc(", ".join(t.name for t in answer.also))
                     + "; ask about it on its own for its agencies.")
    blocks += _upcoming_blocks(upcoming, f"Coming up on {topic.name}")
    blocks.append(context(" ".join(notes)))
    text_lines = [f"{topic.name}: {best}."]
    for agency in answer.agencies[:MAX_AGENCIES]:
        text_lines.append(f"{agency.acronym} ({agency.role}): {agency.description}"
                          + (f" Contact: {agency.contact}." if agency.contact else "")
                          + (f" Source: {agency.source}." if agency.source else ""))
    text_lines += [f"Coming up: {activity_plain(a)}" for a in upcoming]
    return Reply(text="\n".join(text_lines), blocks=blocks, response_type="in_channel")


def _render_agency(answer: Answer, knowledge: Knowledge, upcoming: Sequence[Activity]) -> Reply:
    agency = answer.agency
    assert agency is not None
    parent = f", part of {knowledge.agency_label(agency.parent)}" if agency.parent else ""
    head = f"*{esc(agency.acronym)}* · {esc(agency.name)}{esc(parent)}"
    blocks = [section(head + (f"\n{esc(agency.description)}" if agency.description else ""))]
    if answer.covers:
        lines = [f"• *{esc(topic.name)}* ({esc(link.role)}): {esc(link.description)}"
                 for topic, link in answer.covers]
        blocks.append(section("*What it covers*\n" + "\n".join(lines)))
    units = sorted(knowledge.with_sub_units(agency.acronym) - {agency.acronym})
    facts = []
    if units:
        facts.append(f"Its units: {esc(', '.join(units))}.")
    if agency.contact:
        facts.append(f"Contact: {esc(agency.contact)}")
    if facts:
        blocks.append(section("\n".join(facts)))
    blocks += _upcoming_blocks(upcoming, f"Coming up with {agency.acronym}")
    cited = sources_mrkdwn(agency.sources, agency.source)
    if cited:
        blocks.append(context(cited))
    text_lines = [f"{agency.acronym} ({agency.name}{parent}): {agency.description}"]
    text_lines += [f"{topic.name} ({link.role})" for topic, link in answer.covers]
    if agency.contact:
        text_lines.append(f"Contact: {agency.contact}")
    if agency.sources or agency.source:
        text_lines.append(f"Source: {agency.sources[0].text() if agency.sources else agency.source}")
    text_lines += [f"Coming up: {activity_plain(a)}" for a in upcoming]
    return Reply(text="\n".join(text_lines), blocks=blocks, response_type="in_channel")


def render_mention_help() -> Reply:
    """A mention with no question: what to ask, in a few lines."""
    text = ("Hi! Ask me which agency covers a topic of IP technical assistance, or what an agency does, e.g. "
            + ", ".join(f"“{e}”" for e in EXAMPLES) + ". `/activities help` lists every command.")
    return Reply(text=text, blocks=[section(esc(text))], response_type="in_channel")


def render_abstention(answer: Answer, knowledge: Knowledge) -> Reply:
    """'I don't know that one', with what the bot can answer."""
    topics = [t.name for t in answer.suggestions] or [t.name for t in knowledge.topics[:5]]
    whose = f"which agency of {answer.member}" if answer.member else "which agency"
    message = (f"I don't know that one. I can tell you {whose} covers a topic of IP technical "
               "assistance, or what an agency does.")
    hint = ("Try: " + " · ".join(f"“{e}”" for e in EXAMPLES) + ". Topics I know include "
            + ", ".join(topics) + "; `/activities topics` lists them all.")
    blocks = [section(":thinking_face: " + esc(message)), context(esc(hint))]
    return Reply(text=f"{message} {hint}", blocks=blocks, response_type="ephemeral")


def _upcoming_blocks(upcoming: Sequence[Activity], title: str) -> list[dict]:
    if not upcoming:
        return []
    lines = [f"• {_activity_mrkdwn(a)}" for a in upcoming]
    return [section(f"*{esc(title)}*\n" + "\n".join(lines))]


def _activity_mrkdwn(activity: Activity) -> str:
    where = f", for {', '.join(activity.beneficiaries)}" if activity.beneficiaries else ""
    return (f"{format_range(activity.start_date, activity.end_date)} · *#{activity.id} "
            f"{esc(activity.title)}* ({esc(activity.agency)}{esc(where)})")


def _topic_origin(paragraph: str, source: str) -> str:
    return f"Topic source: {esc(source)}." if source else ""


MAX_SOURCES = 2  # sources shown under each agency; the JSON answer lists them all


def sources_mrkdwn(sources: Sequence[Source], written: str = "") -> str:
    """'Source: _Title_ (symbol, date) ¶10: “quote”' or a link to a public page, at most MAX_SOURCES."""
    if not sources:
        return f"Source: {esc(written)}" if written else ""
    parts = []
    for source in sources[:MAX_SOURCES]:
        if source.is_page:
            parts.append(_link(source.url, source.title) if source.url.startswith("http") else esc(source.title))
            continue
        details = ", ".join(esc(x) for x in (source.symbol, source.date) if x)
        title = _link(source.url, source.document) if source.url.startswith("http") else f"_{esc(source.document)}_"
        head = title + (f" ({details})" if details else "") + (f" ¶{esc(source.paragraph)}" if source.paragraph else "")
        parts.append(f"{head}: “{esc(source.quote)}”" if source.quote else head)
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: " + " · ".join(parts)


def _link(url: str, title: str) -> str:
    safe = url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
    return f"<{safe}|{esc(title or url)}>"


MAX_DOCUMENTS = 40  # documents listed one by one (a section each Member; Slack allows 50 blocks)


def render_documents(documents: Sequence[dict], default_member: str) -> Reply:
    """`/activities knowledge`: the reports stored for each Member, with what each taught.

    `documents` are plain dicts (member, title, symbol, date, origin, paragraphs, agencies, links)."""
    if not documents:
        message = ("No report is stored yet. An admin can send a Member's Art. 67 report to me in a direct "
                   "message, or share it here and write `/activities knowledge learn`.")
        return Reply(text=message, blocks=[section(esc(message))], response_type="ephemeral")
    members: dict[str, list[dict]] = {}
    for document in documents[:MAX_DOCUMENTS]:
        members.setdefault(document["member"], []).append(document)
    blocks = []
    text_lines = []
    for member, stored in list(members.items())[:45]:
        marker = " (default)" if member == default_member else ""
        lines = [f"*{esc(member)}*{marker}"]
        for d in stored:
            details = ", ".join(esc(x) for x in (d.get("symbol", ""), d.get("date", "")) if x) or "undated"
            lines.append(f"• _{esc(d['title'])}_ ({details}): {d['paragraphs']} paragraphs, "
                         f"{d['agencies']} agencies, {d['links']} links")
            text_lines.append(f"{member}: {d['title']} ({details}): {d['paragraphs']} paragraphs, "
                              f"{d['agencies']} agencies, {d['links']} links")
        blocks.append(section(_clip("\n".join(lines))))
    hidden = len(documents) - sum(len(v) for v in members.values())
    footer = "Ask about any of them: “who handles border measures in Japan?”."
    if hidden > 0:
        footer = f"… and {hidden} more (`art67bot knowledge list` shows all). " + footer
    blocks.append(context(esc(footer)))
    return Reply(text="Stored reports:\n" + "\n".join(text_lines), blocks=blocks, response_type="ephemeral")


def _clip(mrkdwn: str, limit: int = 3000) -> str:
    return mrkdwn if len(mrkdwn) <= limit else mrkdwn[: limit - 1].rsplit("\n", 1)[0] + "\n…"
