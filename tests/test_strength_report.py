"""The report's content from a small, hand-made knowledge base: which activities it keeps and how it
numbers and orders them, how agencies and topics are counted and grouped, the least-developed-country,
count and elsewhere sentences in singular and plural, the exact Markdown and JSON, and reports built
by hand with their defaults."""

import csv
import dataclasses
import io
import json
from datetime import date

import pytest

from bot.core.knowledge import Knowledge
from bot.core.periods import Period
from bot.core.records import Activity, Agency, Topic
from bot.core.report import (NO_ITEMS, Count, Report, Row, build_report, count_line, elsewhere_line, ldc_line,
                             to_csv, to_json, to_markdown)

PERIOD = Period(date(2025, 9, 1), date(2026, 8, 31))
TODAY = date(2026, 9, 20)
KNOWLEDGE = Knowledge(
    [Agency("CBP", "Customs and Border Protection"), Agency("USPTO", "Patent and Trademark Office"),
     Agency("FBI", "Federal Bureau of Investigation")],
    [Topic("patents", "Patents", kind="topic area", paragraph="¶5"),
     Topic("enforcement", "Enforcement", kind="topic area", paragraph="¶5"),
     Topic("gipa", "GIPA", kind="programme", paragraph="¶10"),
     Topic("zeta", "Zeta", kind="zz-kind"),
     Topic("alpha", "Alpha", kind="aa-kind")],
    [],
)


def act(n, title, start, agency="USPTO", beneficiaries=("Peru",), topics=()):
    return Activity(id=n, title=title, start_date=start, agency=agency, agency_name="",
                    beneficiaries=tuple(beneficiaries), topics=tuple(topics))


def report(activities, elsewhere=0):
    return build_report(activities, PERIOD, "Japan", TODAY, KNOWLEDGE, elsewhere=elsewhere)


def test_rows_are_the_activities_in_the_period_by_start_date_then_number_numbered_from_one():
    built = report([act(9, "Late", date(2026, 8, 31)), act(4, "Twin b", date(2026, 1, 5)),
                    act(2, "Twin a", date(2026, 1, 5)), act(1, "Too early", date(2025, 8, 31)),
                    act(7, "First", date(2025, 9, 1), beneficiaries=("Peru", "Chile")),
                    act(8, "Too late", date(2026, 9, 1))])
    assert built.rows == (Row(1, "First", date(2025, 9, 1), "Peru, Chile"), Row(2, "Twin a", date(2026, 1, 5), "Peru"),
                          Row(3, "Twin b", date(2026, 1, 5), "Peru"), Row(4, "Late", date(2026, 8, 31), "Peru"))


def test_agencies_are_counted_most_first_then_alphabetically():
    built = report([act(1, "a", date(2026, 1, 1), "USPTO"), act(2, "b", date(2026, 1, 2), "FBI"),
                    act(3, "c", date(2026, 1, 3), "USPTO"), act(4, "d", date(2026, 1, 4), "CBP"),
                    act(5, "e", date(2026, 1, 5), "XYZ")])
    assert built.by_agency == (Count("USPTO (Patent and Trademark Office)", 2),
                               Count("CBP (Customs and Border Protection)", 1),
                               Count("FBI (Federal Bureau of Investigation)", 1), Count("XYZ (XYZ)", 1))


def test_topics_are_counted_by_group_areas_then_programmes_then_other_kinds_alphabetically():
    built = report([act(1, "a", date(2026, 1, 1), topics=("patents", "gipa")),
                    act(2, "b", date(2026, 1, 2), topics=("patents",)),
                    act(3, "c", date(2026, 1, 3), topics=("zeta",)),
                    act(4, "d", date(2026, 1, 4))])
    assert built.by_topic_area == (Count("Patents", 2), Count("Enforcement", 0))
    assert built.without_topic_area == 2  # c has a topic but no ¶5 area; d has none
    assert built.without_topic == 1
    assert built.by_topic == (Count("Patents", 2, "Topic areas (¶5)"), Count("Enforcement", 0, "Topic areas (¶5)"),
                              Count("GIPA", 1, "Programmes (¶10)"), Count("Alpha", 0, "Other topics"),
                              Count("Zeta", 1, "Other topics"))


def test_least_developed_countries_are_counted_once_and_activities_with_any_of_them():
    built = report([act(1, "a", date(2026, 1, 1), beneficiaries=("Haiti", "Peru")),
                    act(2, "b", date(2026, 1, 2), beneficiaries=("Haiti", "Nepal")),
                    act(3, "c", date(2026, 1, 3), beneficiaries=("Peru",))])
    assert (built.ldc_beneficiaries, built.ldc_activities) == (2, 2)
    assert ldc_line(built) == "2 least developed countries benefit, in 2 of the 3 activities."
    one = report([act(1, "a", date(2026, 1, 1), beneficiaries=("Nepal",)), act(2, "b", date(2026, 1, 2))])
    assert ldc_line(one) == "1 least developed country benefits, in 1 of the 2 activities."
    assert ldc_line(report([act(1, "a", date(2026, 1, 1))])) == "No least developed country among the beneficiaries."


def test_counts_are_said_in_singular_and_plural():
    assert count_line(1) == "1 programme or activity."
    assert count_line(0) == "0 programmes or activities."
    assert count_line(2) == "2 programmes or activities."


def test_activities_elsewhere_are_named_only_when_the_period_is_empty():
    label = "No activities in September 2025 – September 2026;"
    assert elsewhere_line(report([], elsewhere=1)) == f"{label} 1 is recorded in other periods."
    assert elsewhere_line(report([], elsewhere=2)) == f"{label} 2 are recorded in other periods."
    assert elsewhere_line(report([], elsewhere=1234)) == f"{label} 1,234 are recorded in other periods."
    assert elsewhere_line(report([], elsewhere=0)) == ""
    assert elsewhere_line(report([act(1, "a", date(2026, 1, 1))], elsewhere=5)) == ""


def test_markdown_of_a_small_report_line_by_line():
    built = report([act(3, "Course | part  one", date(2026, 1, 5), "CBP", ("Haiti", "Peru"), ("patents",)),
                    act(4, "Webinar", date(2026, 2, 1), "CBP", ("Peru",))])
    assert to_markdown(built) == "\n".join([
        "# Technical Cooperation Activities under TRIPS Art. 67", "",
        "Reporting Member: Japan  ", "Date: 20 September 2026  ",
        "Reporting period: September 2025 – September 2026  ", "",
        "## Summary", "", "2 programmes or activities.", "",
        "| Agency | Activities |", "|---|---:|", "| CBP (Customs and Border Protection) | 2 |", "",
        "| Topic | Kind | Activities |", "|---|---|---:|",
        "| Patents | Topic areas (¶5) | 1 |", "| Enforcement | Topic areas (¶5) | 0 |",
        "| GIPA | Programmes (¶10) | 0 |", "| Alpha | Other topics | 0 |", "| Zeta | Other topics | 0 |",
        "| No topic | | 1 |", "",
        "1 least developed country benefits, in 1 of the 2 activities.", "", "## Programmes", "",
        "| # | Title of programme or activity | Start date | Beneficiary Members or observers |",
        "|---:|---|---|---|",
        "| 1 | Course \\| part one | 5 January 2026 | Haiti, Peru |",
        "| 2 | Webinar | 1 February 2026 | Peru |",
    ]) + "\n"


def test_markdown_cells_keep_backslashes_and_fold_line_breaks():
    text = to_markdown(report([act(1, "a\\b\nc", date(2026, 1, 1))]))
    assert "| 1 | a\\\\b c | 1 January 2026 | Peru |" in text.splitlines()


def test_markdown_of_an_empty_report_has_the_table_header_and_e_trips_words_only():
    text = to_markdown(report([]))
    assert text.endswith("|---:|---|---|---|\n\n" + NO_ITEMS + "\n")
    assert "## Summary" not in text and "## Programmes" not in text


def test_json_rows_are_keyed_by_column_with_the_number_as_a_number():
    data = to_json(report([act(1, "Séminaire", date(2026, 1, 1), beneficiaries=("Côte d'Ivoire",))]))
    assert data.endswith("}\n") and "Séminaire" in data  # accents as written, not escaped
    assert '\n  "reporting_member": "Japan",' in data  # indented by two
    parsed = json.loads(data)
    assert parsed["rows"] == [{"#": 1, "Title of programme or activity": "Séminaire", "Start date": "2026-01-01",
                               "Beneficiary Members or observers": "Côte d'Ivoire"}]
    assert parsed["reporting_period"] == {"start": "2025-09-01", "end": "2026-08-31",
                                          "label": "September 2025 – September 2026"}
    assert "message" not in parsed
    assert json.loads(to_json(report([])))["message"] == NO_ITEMS


def test_csv_has_no_byte_order_mark_unless_for_excel():
    built = report([act(1, "a", date(2026, 1, 1))])
    assert to_csv(built).startswith("#,")
    assert to_csv(built, excel=True).startswith("\ufeff#,")
    assert list(csv.reader(io.StringIO(to_csv(built))))[1] == ["1", "a", "2026-01-01", "Peru"]


def test_a_report_built_by_hand_has_no_topics_ldcs_or_activities_elsewhere_by_default():
    bare = Report("Japan", TODAY, PERIOD, (), (), (), 0)
    assert (bare.by_topic, bare.without_topic, bare.ldc_beneficiaries, bare.ldc_activities, bare.elsewhere) == \
        ((), 0, 0, 0, 0)
    assert elsewhere_line(bare) == "" and ldc_line(bare) == "No least developed country among the beneficiaries."
    rows = (Row(1, "a", date(2026, 1, 1), "Peru"),)
    some = Report("Japan", TODAY, PERIOD, rows, (Count("X", 1),), (), 1, ldc_beneficiaries=1)
    assert "| No topic | | 0 |" in to_markdown(some).splitlines()
    assert ldc_line(some) == "1 least developed country benefits, in 0 of the 1 activities."


def test_report_parts_are_values_that_do_not_change():
    built = report([act(1, "a", date(2026, 1, 1))])
    for value, name in ((built, "member"), (built.rows[0], "title"), (built.by_agency[0], "label")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, name, "changed")
    assert built.rows[0].cells() == ("1", "a", "2026-01-01", "Peru")


def test_a_report_built_without_a_count_from_elsewhere_names_no_other_periods():
    empty = build_report([], PERIOD, "Japan", TODAY, KNOWLEDGE)
    assert empty.elsewhere == 0 and elsewhere_line(empty) == ""
