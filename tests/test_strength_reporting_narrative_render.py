"""The narrative as Slack shows it: the stored text numbered like the Word document, the note when there is
none or when it does not fit, who changed it and when, and the answer to setting it."""

from datetime import date, datetime

from bot.core.periods import Period
from bot.core.render import MAX_BLOCKS
from bot.core.reporting.narrative_render import render_narrative, render_narrative_saved

YEAR = Period(date(2025, 9, 1), date(2026, 8, 31))


def _texts(reply) -> list[str]:
    out = []
    for block in reply.blocks:
        if block["type"] == "context":
            out += [element["text"] for element in block["elements"]]
        else:
            out.append(block["text"]["text"])
    return out


def _sections(reply) -> list[str]:
    return [block["text"]["text"] for block in reply.blocks if block["type"] == "section"]


def _note(reply) -> str:
    assert reply.blocks[-1]["type"] == "context"
    return reply.blocks[-1]["elements"][0]["text"]


def test_no_stored_narrative_says_so_and_tells_how_to_write_it():
    for text in (None, "", "  \n\n  "):
        reply = render_narrative("Japan", YEAR, text)
        assert reply.text == ("Narrative of the Article 67 report: September 2025 – September 2026: "
                              "none stored yet.")
        assert reply.blocks[0]["text"]["text"] == ("Narrative of the Article 67 report: "
                                                   "September 2025 – September 2026")
        assert _sections(reply) == ["No narrative is stored for Japan's report for "
                                    "September 2025 – September 2026."]
        hint = _note(reply)
        assert "`/activities narrative 2025-09-01..2026-08-31 set TEXT`" in hint
        assert "art67bot narrative set --from 2025-09-01 --to 2026-08-31 FILE.md" in hint
        assert "`/activities report 2025-09-01..2026-08-31 docx`" in hint


def test_the_member_in_the_empty_answer_is_escaped():
    reply = render_narrative("<!channel> & co", YEAR, None)
    assert _sections(reply) == ["No narrative is stored for &lt;!channel&gt; &amp; co's report for "
                                "September 2025 – September 2026."]


def test_headings_bold_items_bulleted_and_paragraphs_numbered_across_headings():
    text = "# Overview\nWe trained <staff>.\n\n- one\n- two\n\n## Next\n\nMore & more."
    reply = render_narrative("Japan", YEAR, text, "UADMIN1", datetime(2026, 3, 5, 14, 0))
    assert _sections(reply) == ["*Overview*", "1. We trained &lt;staff&gt;.", "• one", "• two", "*Next*",
                                "2. More &amp; more."]
    assert reply.text == "Narrative of the Article 67 report: September 2025 – September 2026\n" + text


def test_the_closing_note_names_who_changed_it_and_when():
    reply = render_narrative("Japan", YEAR, "Text.", "UADMIN1", datetime(2026, 3, 5, 14, 0))
    note = _note(reply)
    assert note.startswith("Last changed by <@UADMIN1> on 5 March 2026. To write it (admins):")
    assert "more paragraphs" not in note


def test_a_writer_that_is_no_slack_user_is_shown_escaped_not_as_a_mention():
    note = _note(render_narrative("Japan", YEAR, "Text.", "cli <ops>"))
    assert note.startswith("Last changed by cli &lt;ops&gt;. To write it")  # no date when none is known
    assert "<@" not in note


def test_the_fallback_text_is_the_stripped_narrative_cut_at_2000_characters():
    text = "\n\n" + "x" * 2500 + "\n"
    reply = render_narrative("Japan", YEAR, text, "UADMIN1")
    assert reply.text == "Narrative of the Article 67 report: September 2025 – September 2026\n" + "x" * 2000


def test_a_long_narrative_fills_the_message_and_counts_what_is_left_out():
    paragraphs = [f"Paragraph {n}." for n in range(1, 61)]
    reply = render_narrative("Japan", YEAR, "\n\n".join(paragraphs), "UADMIN1")
    shown = _sections(reply)
    # header and closing note around the paragraphs, one block short of Slack's 50
    assert len(reply.blocks) == MAX_BLOCKS - 1
    assert shown == [f"{n}. Paragraph {n}." for n in range(1, len(shown) + 1)]
    left = 60 - len(shown)
    assert _note(reply).startswith(f"{left} more paragraphs do not fit here; `art67bot narrative show --from "
                                   "2025-09-01 --to 2026-08-31` prints it all. Last changed by <@UADMIN1>.")


def test_a_narrative_that_just_fits_has_no_left_out_note():
    room = MAX_BLOCKS - 3
    reply = render_narrative("Japan", YEAR, "\n\n".join(f"P{n}" for n in range(room)), "UADMIN1")
    assert len(_sections(reply)) == room
    assert _note(reply).startswith("Last changed by <@UADMIN1>.")


def test_setting_it_answers_saved_or_replaced_with_the_paragraph_count():
    period = Period(date(2026, 1, 15), date(2026, 6, 30))
    saved = render_narrative_saved("Japan", period, "# Head\n\nOne.\n\nTwo.\n\n- a\n- b", replaced=False)
    assert saved.text == ("Saved the narrative of Japan's Article 67 report for 15 January 2026 – 30 June 2026: "
                          "2 numbered paragraphs.")
    assert _texts(saved) == [saved.text,
                             "`/activities narrative 2026-01-15..2026-06-30` shows it; "
                             "`/activities report 2026-01-15..2026-06-30 docx` files it before the table."]
    one = render_narrative_saved("Japan", period, "# Head\n\nOnly one.", replaced=True)
    assert one.text.startswith("Replaced the narrative of Japan's")
    assert one.text.endswith(": 1 numbered paragraph.")
    none = render_narrative_saved("Japan", period, "# Only a heading", replaced=True)
    assert none.text.endswith(": 0 numbered paragraphs.")


def test_the_saved_answer_escapes_the_member_once():
    reply = render_narrative_saved("Trinidad & Tobago", YEAR, "One.", replaced=False)
    assert reply.payload()["text"].startswith("Saved the narrative of Trinidad &amp; Tobago's Article 67 report")
