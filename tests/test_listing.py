"""`/activities upcoming` lists exactly what a plain reading of the stored activities would, whatever the
filters, page and limits, however the rows are found (one walk, one walk per agency, an IN list of agencies,
a rare key's ids read first), on both backends; and its statements are built once per shape of filter."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import event, text

from bot.core.records import UpcomingFilters
from storage import activities as store
from storage import listing
from tests.conftest import TODAY
from tests.factories import activity

AGENCIES = ["USPTO", "GIPA", "CBP", "ICE", "DHS", "FBI"]
NAMES = ["Peru", "Chile", "Tonga"]
TOPICS = ["patents", "copyright", "plant-variety-protection"]

# Few days and agencies, so that ties, activities ending today and one agency's long runs are common.
ACTIVITY = st.tuples(st.integers(-4, 6), st.one_of(st.none(), st.integers(0, 4)), st.sampled_from(AGENCIES[:3]),
                     st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True),
                     st.lists(st.sampled_from(TOPICS), max_size=2, unique=True))
FILTERS = st.fixed_dictionaries({
    "agencies": st.one_of(st.none(), st.frozensets(st.sampled_from(AGENCIES + ["NOBODY"]), min_size=1, max_size=3)),
    "topic": st.one_of(st.none(), st.sampled_from(TOPICS)),
    "beneficiary": st.one_of(st.none(), st.sampled_from(NAMES)),
    "until": st.one_of(st.none(), st.integers(-1, 6).map(lambda days: TODAY + timedelta(days=days))),
})


def _expected(stored: list, filters: UpcomingFilters, limit: int, under_way_limit: int, offset: int):
    """(under way titles, upcoming titles, more upcoming, more under way), read plainly from `stored`."""
    def matches(item) -> bool:
        return ((filters.agencies is None or item.agency in filters.agencies)
                and (filters.topic is None or filters.topic in item.topics)
                and (filters.beneficiary is None or filters.beneficiary in item.beneficiaries))

    ordered = sorted(stored, key=lambda pair: (pair[1].start_date, pair[0]))
    under_way = [item.title for _, item in ordered if matches(item) and item.start_date < TODAY
                 and item.end_date is not None and item.end_date >= TODAY]
    coming = [item.title for _, item in ordered if matches(item) and item.start_date >= TODAY
              and (filters.until is None or item.start_date <= filters.until)]
    if offset:
        under_way = []
    return (under_way[:under_way_limit], coming[offset:offset + limit], len(coming) > offset + limit,
            len(under_way) > under_way_limit)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ACTIVITY, min_size=3, max_size=40), FILTERS, st.integers(1, 4), st.integers(1, 4), st.integers(0, 3),
       st.sampled_from([1, listing.MOST_WALKS]))
def test_the_listing_is_what_a_plain_reading_of_the_activities_gives(db, rows, filters, limit, under_way_limit,
                                                                       page, most_walks):
    items = [activity(f"A{index}", TODAY + timedelta(days=start), days=days, agency=agency,
                      beneficiaries=beneficiaries, topics=topics)
             for index, (start, days, agency, beneficiaries, topics) in enumerate(rows)]
    with db.session() as session:
        session.execute(text("DELETE FROM activities"))
        session.execute(text("DELETE FROM filter_key_counts"))
        store.add_activities(session, items)
        ids = dict(session.execute(text("SELECT title, id FROM activities")).all())
    wanted = UpcomingFilters(**filters)
    offset = page * limit
    saved, listing.MOST_WALKS = listing.MOST_WALKS, most_walks  # 1: several agencies go in an IN list
    try:
        with db.session() as session:
            result, more_under_way = listing.upcoming_activities(session, TODAY, limit, wanted, under_way_limit,
                                                                 offset)
    finally:
        listing.MOST_WALKS = saved
    got = ([a.title for a in result.under_way], [a.title for a in result.upcoming], result.more, more_under_way)
    assert got == _expected([(ids[item.title], item) for item in items], wanted, limit, under_way_limit, offset)


def test_each_shape_of_filter_is_built_once_and_a_new_value_only_binds(db):
    """The second request of a shape (other agency, topic, dates, limits) reuses the statement built for the
    first: the same SQL text, the new values bound. (Each topic has two activities: on PostgreSQL a rare key's
    ids go in an IN list, whose length is part of the text.)"""
    with db.session() as session:
        store.add_activities(session, [
            activity("Patents in Lima", TODAY + timedelta(days=3), agency="USPTO", topics=("patents",)),
            activity("Patents, later", TODAY + timedelta(days=8), agency="USPTO", topics=("patents",)),
            activity("Copyright in Lima", TODAY + timedelta(days=4), agency="FBI", topics=("copyright",)),
            activity("Copyright, later", TODAY + timedelta(days=9), agency="FBI", topics=("copyright",))])
    seen: list[str] = []
    listen = lambda conn, cursor, statement, *args: seen.append(statement)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listen)
    listing._statement.cache_clear()
    try:
        with db.session() as session:
            first, _ = listing.upcoming_activities(session, TODAY, 5, UpcomingFilters(
                agencies=frozenset({"USPTO"}), topic="patents"))
            second, _ = listing.upcoming_activities(session, TODAY, 1, UpcomingFilters(
                agencies=frozenset({"FBI"}), topic="copyright"))
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    assert [a.title for a in first.upcoming] == ["Patents in Lima", "Patents, later"] and not first.more
    assert [a.title for a in second.upcoming] == ["Copyright in Lima"] and second.more
    walks = [statement for statement in seen if "ORDER BY" in statement]
    assert len(walks) == 2 and walks[0] == walks[1]
    assert listing._statement.cache_info().misses == 1 and listing._statement.cache_info().hits == 1


def _titles(db, filters: UpcomingFilters, limit: int, offset: int = 0, under_way_limit: int = 10):
    with db.session() as session:
        result, more_under_way = listing.upcoming_activities(session, TODAY, limit, filters, under_way_limit, offset)
    return [a.title for a in result.under_way], [a.title for a in result.upcoming], result.more, more_under_way


def test_a_later_page_over_several_agencies_says_more_when_one_agency_holds_them_all(db):
    """Each agency's walk reads as far as the page's end and one row beyond: when every row is one agency's,
    that row is still there to say that more follow."""
    with db.session() as session:
        store.add_activities(session, [activity(f"V{day}", TODAY + timedelta(days=day), agency="FBI")
                                       for day in range(7)])
    both = UpcomingFilters(agencies=frozenset({"FBI", "CBP"}))
    assert _titles(db, both, 2, offset=4) == ([], ["V4", "V5"], True, False)
    assert _titles(db, both, 2, offset=5) == ([], ["V5", "V6"], False, False)
    assert _titles(db, both, 3, offset=3)[1:3] == (["V3", "V4", "V5"], True)


def test_activities_of_several_agencies_on_the_same_day_keep_their_order_across_pages(db):
    """Ties on a date are broken by id, across the agencies' walks, so that no page repeats or skips one."""
    with db.session() as session:
        store.add_activities(session, [activity(f"T{index}", TODAY + timedelta(days=1),
                                                agency=("FBI", "CBP", "USPTO")[index % 3]) for index in range(9)])
    several = UpcomingFilters(agencies=frozenset({"FBI", "CBP", "USPTO"}))
    pages = [_titles(db, several, 2, offset=offset)[1] for offset in (0, 2, 4, 6, 8)]
    assert pages == [["T0", "T1"], ["T2", "T3"], ["T4", "T5"], ["T6", "T7"], ["T8"]]


def test_an_activity_ending_today_is_under_way_and_one_ended_yesterday_is_not(db):
    with db.session() as session:
        store.add_activities(session, [
            activity("Ends today", TODAY - timedelta(days=3), days=3, agency="CBP"),
            activity("Ended yesterday", TODAY - timedelta(days=3), days=2, agency="CBP"),
            activity("One day, yesterday", TODAY - timedelta(days=1), agency="CBP"),
            activity("Starts today", TODAY, agency="FBI")])
    for filters in (UpcomingFilters(), UpcomingFilters(agencies=frozenset({"CBP", "FBI"}))):
        assert _titles(db, filters, 5) == (["Ends today"], ["Starts today"], False, False)
