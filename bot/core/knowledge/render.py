"""Block Kit rendering of answers to questions (bot/core/knowledge/answering.py): pure functions to a Reply.

An answer is rendered in its language (`answer.language`: "en", "fr" or "es"): the bot's own words come
from the gettext catalogs (bot/core/i18n.py), topic names from the knowledge data (`name_fr`…); agency
names, descriptions and quotes stay as their source gives them."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.i18n import role_name, translations
from bot.core.knowledge.answering import AgencyAnswer, Answer
from bot.core.dates import format_range
from bot.core.knowledge.base import Knowledge
from bot.core.records import Activity, Reply, Source
from bot.core.render import activity_plain, context, section
from bot.core.text import escape_mrkdwn as esc

MAX_AGENCIES = 5  # agencies described one by one; the JSON answer lists them all
EXAMPLES = ("who handles border enforcement?", "which agency deals with counterfeit medicines?",
            "what does CCIPS do?")


def _examples(language: str) -> tuple[str, ...]:
    """EXAMPLES in `language` (each one answers in that language)."""
    _ = translations(language).gettext
    return (_("who handles border enforcement?"), _("which agency deals with counterfeit medicines?"),
            _("what does CCIPS do?"))


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
    lang = answer.language
    _ = translations(lang).gettext
    best = summary(answer.agencies, knowledge, language=lang)
    lines = [f"*{esc(a.acronym)}* · {esc(a.name)}{esc(_parent_note(a, knowledge, lang))} · "
             f"{esc(role_name(a.role, lang))}" for a in answer.agencies[:MAX_AGENCIES]]
    first = answer.agencies[0]
    blocks = [section(_("Ask *{agencies}*: the report says so in a sentence on this.").format(agencies=esc(best))
                      + "\n" + "\n".join(lines)),
              context(sources_mrkdwn(first.sources, first.source, lang))]
    text = _("Ask {agencies}. Source: {source}").format(agencies=best, source=answer.source)
    return Reply(text=text, blocks=blocks, response_type="in_channel")


def summary(agencies: Sequence[AgencyAnswer], knowledge: Knowledge, limit: int = 2, language: str = "en") -> str:
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
    joined = translations(language).gettext(" and ")
    for parent, acronyms in groups:
        names = joined.join(acronyms)
        parts.append(f"{names} ({knowledge.agency_label(parent)})" if parent else names)
    return joined.join(parts)


def _parent_note(agency: AgencyAnswer, knowledge: Knowledge, language: str = "en") -> str:
    if not agency.parent:
        return ""
    return translations(language).gettext(", part of {parent}").format(parent=knowledge.agency_label(agency.parent))


def _render_topic(answer: Answer, knowledge: Knowledge, upcoming: Sequence[Activity]) -> Reply:
    topic = answer.topic
    assert topic is not None
    lang = answer.language
    _ = translations(lang).gettext
    name = topic.name_in(lang)
    best = summary(answer.agencies, knowledge, language=lang)
    if not answer.agencies:
        text = _("{topic}: no agency is linked to this topic yet.").format(topic=name)
        return Reply(text=text, blocks=[section(esc(text))], response_type="in_channel")
    blocks = [section(_("*{topic}*: ask *{agencies}*.").format(topic=esc(name), agencies=esc(best)))]
    unlinked = [a for a in answer.named if a not in {x.acronym for x in answer.agencies}]
    if unlinked:
        blocks.append(context(esc(_("{agencies}: not recorded for this topic; these agencies are.").format(
            agencies=", ".join(unlinked)))))
    for agency in answer.agencies[:MAX_AGENCIES]:
        lines = [f"*{esc(agency.acronym)}* · {esc(agency.name)}{esc(_parent_note(agency, knowledge, lang))} · "
                 f"{esc(role_name(agency.role, lang))}", esc(agency.description)]
        if agency.contact:
            lines.append(_("Contact: {contact}").format(contact=esc(agency.contact)))
        blocks.append(section("\n".join(line for line in lines if line)))
        cited = sources_mrkdwn(agency.sources, agency.source, lang)
        if cited:
            blocks.append(context(cited))
    more = len(answer.agencies) - MAX_AGENCIES
    notes = []
    if more > 0:
        notes.append(_("Also linked: {agencies}.").format(
            agencies=esc(", ".join(a.acronym for a in answer.agencies[MAX_AGENCIES:]))))
    notes.append(_topic_origin(topic.paragraph, topic.source, lang))
    if answer.also:
        notes.append(_("You also asked about {topics}; ask about it on its own for its agencies.").format(
            topics=esc(", ".join(t.name_in(lang) for t in answer.also))))
    blocks += _upcoming_blocks(upcoming, _("Coming up on {topic}").format(topic=name), lang)
    blocks.append(context(" ".join(notes)))
    text_lines = [_("{topic}: {agencies}.").format(topic=name, agencies=best)]
    for agency in answer.agencies[:MAX_AGENCIES]:
        text_lines.append(f"{agency.acronym} ({role_name(agency.role, lang)}): {agency.description}"
                          + (" " + _("Contact: {contact}.").format(contact=agency.contact) if agency.contact else "")
                          + (" " + _("Source: {source}.").format(source=agency.source) if agency.source else ""))
    text_lines += [_("Coming up: {activity}").format(activity=activity_plain(a)) for a in upcoming]
    return Reply(text="\n".join(text_lines), blocks=blocks, response_type="in_channel")


def _render_agency(answer: Answer, knowledge: Knowledge, upcoming: Sequence[Activity]) -> Reply:
    agency = answer.agency
    assert agency is not None
    lang = answer.language
    _ = translations(lang).gettext
    parent = (_(", part of {parent}").format(parent=knowledge.agency_label(agency.parent))
              if agency.parent else "")
    head = f"*{esc(agency.acronym)}* · {esc(agency.name)}{esc(parent)}"
    blocks = [section(head + (f"\n{esc(agency.description)}" if agency.description else ""))]
    if answer.covers:
        lines = [f"• *{esc(topic.name_in(lang))}* ({esc(role_name(link.role, lang))}): {esc(link.description)}"
                 for topic, link in answer.covers]
        blocks.append(section("*" + _("What it covers") + "*\n" + "\n".join(lines)))
    units = sorted(knowledge.with_sub_units(agency.acronym) - {agency.acronym})
    facts = []
    if units:
        facts.append(_("Its units: {units}.").format(units=esc(", ".join(units))))
    if agency.contact:
        facts.append(_("Contact: {contact}").format(contact=esc(agency.contact)))
    if facts:
        blocks.append(section("\n".join(facts)))
    blocks += _upcoming_blocks(upcoming, _("Coming up with {agency}").format(agency=agency.acronym), lang)
    cited = sources_mrkdwn(agency.sources, agency.source, lang)
    if cited:
        blocks.append(context(cited))
    text_lines = [f"{agency.acronym} ({agency.name}{parent}): {agency.description}"]
    text_lines += [f"{topic.name_in(lang)} ({role_name(link.role, lang)})" for topic, link in answer.covers]
    if agency.contact:
        text_lines.append(_("Contact: {contact}").format(contact=agency.contact))
    if agency.sources or agency.source:
        text_lines.append(_("Source: {source}").format(
            source=agency.sources[0].text() if agency.sources else agency.source))
    text_lines += [_("Coming up: {activity}").format(activity=activity_plain(a)) for a in upcoming]
    return Reply(text="\n".join(text_lines), blocks=blocks, response_type="in_channel")


def render_mention_help() -> Reply:
    """A mention with no question: what to ask, in a few lines."""
    text = ("Hi! Ask me which agency covers a topic of IP technical assistance, or what an agency does, e.g. "
            + ", ".join(f"“{e}”" for e in EXAMPLES) + ". `/activities help` lists every command.")
    return Reply(text=text, blocks=[section(esc(text))], response_type="in_channel")


def render_abstention(answer: Answer, knowledge: Knowledge) -> Reply:
    """'I don't know that one', with what the bot can answer, in the answer's language."""
    lang = answer.language
    _ = translations(lang).gettext
    topics = [t.name_in(lang) for t in answer.suggestions] or [t.name_in(lang) for t in knowledge.topics[:5]]
    if answer.member:
        message = _("I don't know that one. I can tell you which agency of {member} covers a topic of IP "
                    "technical assistance, or what an agency does.").format(member=answer.member)
    else:
        message = _("I don't know that one. I can tell you which agency covers a topic of IP technical "
                    "assistance, or what an agency does.")
    hint = _("Try: {examples}. Topics I know include {topics}; `/activities topics` lists them all.").format(
        examples=" · ".join(f"“{e}”" for e in _examples(lang)), topics=", ".join(topics))
    blocks = [section(":thinking_face: " + esc(message)), context(esc(hint))]
    return Reply(text=f"{message} {hint}", blocks=blocks, response_type="ephemeral")


def _upcoming_blocks(upcoming: Sequence[Activity], title: str, language: str = "en") -> list[dict]:
    if not upcoming:
        return []
    lines = [f"• {_activity_mrkdwn(a, language)}" for a in upcoming]
    return [section(f"*{esc(title)}*\n" + "\n".join(lines))]


def _activity_mrkdwn(activity: Activity, language: str = "en") -> str:
    where = (translations(language).gettext(", for {beneficiaries}").format(
        beneficiaries=", ".join(activity.beneficiaries)) if activity.beneficiaries else "")
    return (f"{format_range(activity.start_date, activity.end_date)} · *#{activity.id} "
            f"{esc(activity.title)}* ({esc(activity.agency)}{esc(where)})")


def _topic_origin(paragraph: str, source: str, language: str = "en") -> str:
    return translations(language).gettext("Topic source: {source}.").format(source=esc(source)) if source else ""


MAX_SOURCES = 2  # sources shown under each agency; the JSON answer lists them all


def sources_mrkdwn(sources: Sequence[Source], written: str = "", language: str = "en") -> str:
    """'Source: _Title_ (symbol, date) ¶10: “quote”' or a link to a public page, at most MAX_SOURCES.
    Quotes stay in the language of their document."""
    t = translations(language)
    if not sources:
        return t.gettext("Source: {source}").format(source=esc(written)) if written else ""
    parts = []
    for source in sources[:MAX_SOURCES]:
        if source.is_page:
            parts.append(_link(source.url, source.title) if source.url.startswith("http") else esc(source.title))
            continue
        details = ", ".join(esc(x) for x in (source.symbol, source.date) if x)
        title = _link(source.url, source.document) if source.url.startswith("http") else f"_{esc(source.document)}_"
        head = title + (f" ({details})" if details else "") + (f" ¶{esc(source.paragraph)}" if source.paragraph else "")
        parts.append(f"{head}: “{esc(source.quote)}”" if source.quote else head)
    return t.ngettext("Source: {sources}", "Sources: {sources}", len(parts)).format(sources=" · ".join(parts))


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
