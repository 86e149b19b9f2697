"""The App Home tab, block by block: how many activities and deadlines it shows and in what order,
the headings, the "more" hints with their counts, the empty-list notes, the inputs section, the
admin's note and the time it was updated, in the reader's zone."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.core.deadline_render import DeadlineStatus
from bot.core.deadlines import Deadline
from bot.core.home import ADMIN_NOTE, ASK_ME, home_view
from bot.core.periods import Period
from bot.core.records import Activity, UpcomingResult
from bot.core.reporting.inputs import AgencyStatus, CallStatus

TODAY = date(2026, 6, 10)
NOW = datetime(2026, 6, 10, 12, 30, tzinfo=timezone.utc)
TOKYO = ZoneInfo("Asia/Tokyo")


def stored(n, title, start):
    return Activity(id=n, title=title, start_date=start, agency="USPTO", agency_name="USPTO",
                    beneficiaries=("Peru",))


def under_way(count):
    return tuple(stored(100 + i, f"Running {i:02d}", TODAY - timedelta(days=i)) for i in range(1, count + 1))


def coming(count):
    return tuple(stored(i, f"Coming {i:02d}", TODAY + timedelta(days=i)) for i in range(1, count + 1))


def pending_deadlines(count):
    return [DeadlineStatus(Deadline(id=i, title=f"Deadline {i:02d}", due_at=NOW + timedelta(days=i), timezone="UTC"),
                           NOW + timedelta(days=i), None, None) for i in range(1, count + 1)]


def past_deadline(n):
    return DeadlineStatus(Deadline(id=n, title=f"Over {n}", due_at=NOW - timedelta(days=30), timezone="UTC"),
                          None, None, None)


def view(upcoming=UpcomingResult((), ()), deadlines=(), **options):
    return home_view(upcoming, deadlines, today=TODAY, now=NOW, zone=options.pop("zone", TOKYO), **options)


def texts(home):
    """Every block's text, in order (dividers as '---')."""
    found = []
    for block in home["blocks"]:
        if block["type"] == "divider":
            found.append("---")
        elif block["type"] == "context":
            found.append(block["elements"][0]["text"])
        else:
            found.append(block["text"]["text"])
    return found


def titles(home, prefix):
    firsts = [line.split("\n")[0] for line in texts(home) if line.startswith("*#")]
    return [first.split(" · ")[1].rstrip("*") for first in firsts if first.split(" · ")[1].startswith(prefix)]


def test_at_most_five_activities_under_way_and_ten_coming_up_are_shown_in_order():
    home = view(UpcomingResult(under_way(7), coming(12)))
    assert titles(home, "Running") == [f"Running {i:02d}" for i in range(1, 6)]
    assert titles(home, "Coming") == [f"Coming {i:02d}" for i in range(1, 11)]
    lines = texts(home)
    under, upcoming = lines.index("*Under way*"), lines.index("*Coming up*")
    assert under < upcoming
    assert all("Running" in line for line in lines[under + 1:upcoming])
    assert len(lines[under + 1:upcoming]) == 5


def test_exactly_five_under_way_and_ten_coming_are_all_shown():
    home = view(UpcomingResult(under_way(5), coming(10)))
    assert len(titles(home, "Running")) == 5 and len(titles(home, "Coming")) == 10


def test_activities_coming_up_alone_have_no_headings():
    lines = texts(view(UpcomingResult((), coming(2))))
    assert "*Under way*" not in lines and "*Coming up*" not in lines
    assert "Nothing is coming up." not in lines
    assert lines[1] == "Upcoming activities" and lines[2].startswith("*#1 · Coming 01*")


def test_activities_under_way_alone_have_their_heading_but_no_coming_up_heading():
    lines = texts(view(UpcomingResult(under_way(2), ())))
    assert lines[2] == "*Under way*" and lines[3].startswith("*#101 · Running 01*")
    assert "*Coming up*" not in lines and "Nothing is coming up." not in lines


def test_nothing_coming_up_is_said_only_when_both_lists_are_empty():
    assert "Nothing is coming up." in texts(view())
    assert "Nothing is coming up." not in texts(view(UpcomingResult(under_way(1), ())))


def test_the_more_hint_appears_when_more_exist_beyond_what_is_shown():
    hint = " More with `/activities upcoming 30`."
    assert "As of 10 Jun 2026." in texts(view(UpcomingResult((), coming(10))))  # all ten shown: no hint
    assert any(t.endswith(hint) for t in texts(view(UpcomingResult((), coming(11)))))  # an 11th not shown
    assert any(t.endswith(hint) for t in texts(view(UpcomingResult((), coming(3), more=True))))
    assert not any(hint in t for t in texts(view(UpcomingResult((), coming(3)))))


def test_pending_deadlines_are_listed_up_to_eight_and_past_ones_are_left_out():
    home = view(deadlines=[past_deadline(50)] + pending_deadlines(3))
    lines = texts(home)
    shown = [line for line in lines if line.startswith("*#") and "Deadline" in line]
    assert [line.split("\n")[0] for line in shown] == ["*#1 · Deadline 01*", "*#2 · Deadline 02*", "*#3 · Deadline 03*"]
    assert not any("Over 50" in line for line in lines)
    assert "No upcoming deadlines." not in lines
    assert not any("more with `/activities deadlines`" in line for line in lines)


def test_eight_pending_deadlines_are_all_shown_with_no_more_line():
    lines = texts(view(deadlines=pending_deadlines(8)))
    assert sum(line.startswith("*#") for line in lines) == 8
    assert not any("more with `/activities deadlines`" in line for line in lines)


def test_beyond_eight_pending_deadlines_the_rest_are_counted():
    lines = texts(view(deadlines=pending_deadlines(11) + [past_deadline(60)]))
    assert [line.split("\n")[0] for line in lines if line.startswith("*#")] == \
        [f"*#{i} · Deadline {i:02d}*" for i in range(1, 9)]
    assert "3 more with `/activities deadlines`." in lines  # 11 pending, 8 shown; the past one not counted


def test_no_upcoming_deadlines_when_all_are_past_or_none():
    assert "No upcoming deadlines." in texts(view())
    assert "No upcoming deadlines." in texts(view(deadlines=[past_deadline(1)]))


def test_the_reporting_deadlines_section_follows_the_activities_and_names_the_zone():
    lines = texts(view(UpcomingResult((), coming(1)), pending_deadlines(1)))
    start = lines.index("Reporting deadlines")
    assert lines[start - 1] == "---" and lines[start + 1].startswith("*#1 · Deadline 01*")
    assert lines[start + 2] == "Times are in Asia/Tokyo."


def test_the_inputs_section_is_shown_only_when_there_is_a_call():
    assert "Inputs for the report" not in texts(view())
    call = CallStatus(Period(date(2025, 7, 1), date(2026, 6, 30)), date(2026, 7, 15),
                      (AgencyStatus("USPTO", "confirmed", "U1", NOW, 3, ("U1",)),))
    lines = texts(view(inputs=call))
    start = lines.index("Inputs for the report")
    assert lines[start - 1] == "---"
    assert "*USPTO*" in lines[start + 2] and "3 activities" in lines[start + 2]


def test_what_to_ask_ends_the_tab_with_the_admin_note_for_admins_only():
    member = texts(view())
    assert member[-2] == ASK_ME and member[-3] == "---"
    assert texts(view(is_admin=False))[-2] == ASK_ME
    assert texts(view(is_admin=True))[-2] == ASK_ME + "\n" + ADMIN_NOTE


def test_the_update_time_is_in_the_readers_zone():
    # 12:30 UTC is 21:30 in Tokyo, the same day
    assert texts(view())[-1] == "Updated 10 Jun 2026, 21:30 JST, each time you open this tab."
    late = home_view(UpcomingResult((), ()), (), today=TODAY, now=datetime(2026, 6, 10, 23, 5, tzinfo=timezone.utc),
                     zone=TOKYO)
    assert texts(late)[-1] == "Updated 11 Jun 2026, 08:05 JST, each time you open this tab."


def test_the_tab_opens_with_its_two_headers():
    home = view()
    assert home["type"] == "home"
    assert texts(home)[:2] == ["art67bot: technical cooperation under TRIPS Article 67", "Upcoming activities"]
