"""`/activities help`: every subcommand with what it does, in English, French or Spanish.

Every example date is reckoned from `today`, so the help never shows a date that has gone by: the add
example and "Dates like …" about two months ahead, the deadline example on the next 15 September, and
the report periods as the latest complete reporting period."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.grammar import MAX_LIMIT
from bot.core.i18n import translations
from bot.core.periods import default_period
from bot.core.records import Reply
from bot.core.render import add_example, context, header, section

AHEAD = timedelta(days=60)  # "Dates like …": about two months after today, as in the add example
EDIT_AFTER = timedelta(days=14)  # the deadline edit example: two weeks after the deadline example
# Month names in the long date of "Dates like …"; bot/core/dates.py reads all three languages
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}


def long_example(day: date, language: str) -> str:
    """'15 September 2027', '15 septembre 2027' (1er for the first), '15 de septiembre de 2027'."""
    if language == "fr":
        return f"{'1er' if day.day == 1 else day.day} {MONTHS['fr'][day.month - 1]} {day.year}"
    if language == "es":
        return f"{day.day} de {MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"


def next_deadline_example(today: date) -> date:
    """The next 15 September after `today` (the usual day of the Article 67 deadline)."""
    this_year = date(today.year, 9, 15)
    return this_year if this_year > today else date(today.year + 1, 9, 15)


def render_help(language: str = "en", today: date | None = None, start_month: int = 9) -> Reply:
    """`/activities help`, in `language` ("en", "fr", "es"; see bot/core/i18n.py), with its example dates
    reckoned from `today` (default: the system's today) and reporting periods starting in `start_month`."""
    _ = translations(language).gettext
    today = today or date.today()
    ahead = today + AHEAD
    due = next_deadline_example(today)
    period = default_period(today, start_month)
    years = f"{period.start.year}-{period.end.year}"
    start, end = period.start.isoformat(), period.end.isoformat()
    usage = [
        ("`/activities upcoming [N] [filters]`",
         _("What comes next, soonest first ({default} by default, at most {most}); activities already under "
         "way are listed under their own heading. Filters: `agency:USPTO` (an acronym or name; its "
         "sub-units are included), `topic:border enforcement`, `beneficiary:Peru`, and a horizon "
         "`next 30 days` (or `next 2 weeks`, `within 3 months`). A long list has a More button, or "
         "add `page 2`. Example: `/activities upcoming 5 agency:DHS beneficiary:Peru next 60 days`").format(
             default=10, most=MAX_LIMIT)),
        ("`/activities add title: … | start: … | beneficiaries: … | agency: …`",
         _("Record an activity (admins only); `/activities add` alone opens a form. Optional fields: `end:`, `topics:`, `format:` "
         "(in-person, virtual or hybrid), `location:`, `description:`, `url:`. Dates like `{iso}` or "
         "`{long}`; lists separated by `;`.\nExample: `{example}`").format(
             iso=ahead.isoformat(), long=long_example(ahead, language), example=add_example(today))),
        ("`/activities who TOPIC` · `/activities ask QUESTION`",
         _("Which agency covers a topic, e.g. `/activities who border enforcement`, or what an agency does: "
         "`/activities ask what does CCIPS do?`. You can also mention @art67bot with a question or send "
         "it a direct message.")),
        ("`/activities show ID`", _("Everything recorded about one activity.")),
        ("`/activities search WORDS`",
         _("Find activities by title, description, beneficiary or agency (20 a page: More, or `page 2`).")),
        ("`/activities delete ID`", _("Delete an activity (admins only).")),
        ("`/activities report [period]`",
         _("The Article 67 report for a reporting period: a summary here, then the table as a file. "
         "Periods: `{years}`, `{start}..{end}` or `from {start} to {end}`; "
         "without one, the latest complete reporting period.").format(years=years, start=start, end=end)),
        ("`/activities report [period] [docx|xlsx]`",
         _("The report as filed, uploaded to this channel: `docx` makes a Word document laid out as a "
         "communication to the TRIPS Council (the narrative in numbered paragraphs, then the table), `xlsx` "
         "an Excel workbook (the table, and a summary sheet by agency, topic and beneficiary). You are told, "
         "only you, where it went. Example: `/activities report {years} docx`").format(years=years)),
        ("`/activities narrative [period]` · `/activities narrative [period] set TEXT`",
         _("The report's narrative: the numbered paragraphs before the table in the Word document, stored "
         "for each reporting period (without one, the latest complete period). `set` replaces it (admins "
         "only): paragraphs separated by a blank line (Shift+Enter), `#` before a heading. "
         "Example: `/activities narrative {years} set In the period, …`").format(years=years)),
        ("`/activities deadlines`", _("Reporting deadlines, soonest first, each with its next reminder, in your time zone.")),
        ("`/activities deadline add title: … | due: …`",
         _("Add a deadline (admins only); reminders go to this channel. Optional fields: `timezone:` "
         "(default ART67_TIMEZONE), `repeat: yearly`, `leads: 30, 14, 7, 1` (days before; the default), "
         "`channel: #channel`, `notes:` (e.g. the airgram's symbol). A due date without a time means 17:00.\n"
         "Example: `/activities deadline add title: Art. 67 report | due: {due} 17:00 | "
         "timezone: Europe/Zurich | repeat: yearly`\n"
         "`/activities deadline edit ID due: {edit}` changes fields; `/activities deadline delete ID`.").format(
             due=due.isoformat(), edit=(due + EDIT_AFTER).isoformat())),
        ("`/activities digest on` · `/activities digest off`",
         _("Upcoming activities and deadlines in this channel every Monday at 09:00 (admins only).")),
        ("`/activities topics` · `/activities agencies` · `/activities synonyms TOPIC`",
         _("The topic areas and agencies the bot knows, and the words that mean a topic.")),
        ("`/activities synonym add TOPIC : WORDS` · `/activities synonym remove TOPIC : WORDS`",
         _("Teach the bot words for a topic (admins only); several separated by `;`. "
         "Example: `/activities synonym add border enforcement : border guards; frontier checks`")),
        ("`/activities link TOPIC : AGENCY [lead|partner|funder] | source: …` · "
         "`/activities unlink TOPIC : AGENCY`",
         _("Say which agency covers a topic (admins only); it goes last unless you add `| rank: N` "
         "(1 = the first answer), and `| description: …` says what it does there. "
         "Example: `/activities link trade secrets : USTR partner | source: https://ustr.gov`")),
        ("`/activities focal AGENCY @user` · `/activities call [period] [due: DATE]` · `/activities status [period]`",
         _("Collect every agency's inputs: name each agency's focal points (admins), then the call DMs each of them "
         "their agency's activities for the period with Confirm / Add / Nothing to report; `status` shows who has "
         "answered. `/activities focal` lists focal points; `/activities focal remove AGENCY @user`.")),
        ("`/activities history ID`", _("Who added, changed or deleted an activity, and when.")),
        ("`/activities knowledge` · `/activities knowledge learn [FILE LINK]`",
         _("The reports I have learned, for each Member. To teach me one (admins only), send me the report "
         "(.txt, .md, .html, .docx or .pdf) in a direct message, or share it here and write "
         "`/activities knowledge learn`; you see what I would learn, then Apply or Discard.")),
        ("`/activities help`", _("This message.")),
    ]
    blocks = [header(_("art67bot: technical-cooperation activities"))]
    blocks += [section(f"{command}\n{text}") for command, text in usage]
    blocks.append(context(_("Records follow TRIPS Article 67 reporting: title, dates, beneficiary Members "
                          "or observers, organising agency, topics and format.")))
    text = _("Usage: ") + " · ".join(command.replace("`", "") for command, _text in usage)
    return Reply(text=text, blocks=blocks, response_type="ephemeral")
