"""The import's shortcuts give exactly what the plain path gives: a CSV without a neutralised cell is read
without looking at each cell, a valid row's activity is built without the dataclass constructor, and bind
values are processed once per distinct value."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from bot.core.forms import validate_activity
from bot.core.records import NewActivity
from bot.core.spreadsheet import neutralise, restore
from bot.core.transfer import CSV_HEADER, read_csv
from bot.core.knowledge import from_seed, read_seed

CELL = st.text(alphabet=st.sampled_from("ab '=+-@,\"\n;é"), max_size=8)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL, min_size=len(CSV_HEADER), max_size=len(CSV_HEADER)), min_size=1, max_size=4))
def test_every_cell_reads_back_as_written_with_or_without_apostrophes(rows):
    """Whatever the cells (apostrophes first, inside, or nowhere), reading gives each cell as the plain
    reader followed by restore() does."""
    text = _csv(rows)
    expected = [[restore(cell) for cell in record] for record in list(csv.reader(io.StringIO(text, newline="")))[1:]
                if "".join(record).strip()]
    assert [[row[name] for name in CSV_HEADER] for _, row in read_csv(text)] == expected


def test_an_apostrophe_inside_a_cell_is_kept_and_one_added_on_export_is_taken_off():
    text = ("title,start_date,beneficiaries,agency\r\n"
            "Côte d'Ivoire workshop,2031-03-02,Côte d'Ivoire,CBP\r\n"
            "'=SUM(A1),2031-03-03,Peru,CBP\r\n")
    assert [row["title"] for _, row in read_csv(text)] == ["Côte d'Ivoire workshop", "=SUM(A1)"]
    assert [row["title"] for _, row in read_csv(text.replace("'=SUM(A1)", "'plain"))][1] == "'plain"


def test_a_validated_activity_is_the_same_value_the_constructor_makes():
    fields = {"title": "  Border   enforcement workshop ", "start_date": "2031-03-02", "end_date": "2031-03-04",
              "beneficiaries": "Peru; Chile", "agency": "CBP", "topics": "border enforcement",
              "format": "online", "location": "Lima", "description": " Two days. ", "url": "https://example.org"}
    built, errors = validate_activity(fields, from_seed(read_seed()), today=date(2031, 1, 1), created_by="U1",
                                      source_document="doc")
    assert errors == []
    made = NewActivity(title="Border enforcement workshop", start_date=date(2031, 3, 2), end_date=date(2031, 3, 4),
                       beneficiaries=("Peru", "Chile"), agency="CBP", topics=("border-enforcement",),
                       format="virtual", location="Lima", description="Two days.", url="https://example.org",
                       source_document="doc", created_by="U1")
    assert built == made and hash(built) == hash(made) and repr(built) == repr(made)
    assert vars(built) == vars(made)  # every field set, none extra
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.title = "changed"


def test_bulk_values_are_bound_per_distinct_value_hashable_or_not(db):
    """Dates, empty end dates and beneficiary lists (as tuples, or as lists that cannot be remembered) are
    stored as the row says, row by row."""
    from sqlalchemy import select

    from storage.bulk import insert_rows
    from storage.models import ActivityRow, utcnow

    beneficiaries = [("Peru",), ["Chile", "Peru"], ("Peru",), ["Chile", "Peru"], ()]
    ends = [date(2031, 3, 4), None, date(2031, 3, 4), None, date(2031, 3, 9)]
    columns = ("title", "start_date", "end_date", "span_days", "agency_id", "beneficiaries", "topics",
               "beneficiary_keys", "topic_keys", "search_text", "format", "location", "description", "url",
               "source_document", "created_by")
    rows = [(f"T{i}", date(2031, 3, 2), ends[i], 0, 1, beneficiaries[i], (), "|", "|", f"t{i}", None, "", "",
             "", "", "test") for i in range(5)]
    with db.session() as session:
        ids = insert_rows(session, ActivityRow.__table__, columns, rows,
                          {"created_at": utcnow(), "updated_at": utcnow()})
    with db.session() as session:
        stored = {row.id: row for row in session.scalars(select(ActivityRow).where(ActivityRow.id.in_(ids)))}
    assert [list(stored[i].beneficiaries) for i in ids] == [list(b) for b in beneficiaries]
    assert [stored[i].end_date for i in ids] == ends
    assert [stored[i].title for i in ids] == [f"T{i}" for i in range(5)]


@pytest.mark.parametrize("content,code", [
    ("title,start_date,beneficiaries,agency\nWorkshop,2031-03-02,Peru,CBP\n", 0),
    ("title,start_date,beneficiaries,agency\nWorkshop,not a date,Peru,CBP\n", 1),
])
def test_an_import_pauses_the_cycle_collector_only_while_it_runs(tmp_path, capsys, content, code):
    """Imported or refused, the collector is running again afterwards, and a paused one stays paused."""
    import gc

    from bot.cli import main
    from bot.cli_common import without_cycle_collection

    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    seen = []
    with without_cycle_collection():
        seen.append(gc.isenabled())
    assert gc.isenabled() and seen == [False]
    assert main(["import", str(path), "--db", f"sqlite:///{tmp_path / 'a.db'}"]) == code
    assert gc.isenabled()
    gc.disable()
    try:
        with without_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
