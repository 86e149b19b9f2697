"""Every agency a report names: from a name and its acronym, from a list of bodies or a ';' list of who
does the work; the Member itself and its government left out; parents from "including" (up to the end of
its clause), "within", "part of" (the longest name that fits), "the Office of <body>" and "<body>'s Directorate",
never an agency itself nor a venue after a comma; bullets with or without a space after the sign, items that
are activities, single words or lower-case skipped; and programmes kept apart from agencies."""

from __future__ import annotations

from bot.core.knowledge import from_seed, read_seed
from bot.core.knowledge.agencies_found import find_agencies
from bot.core.knowledge.documents import Paragraph
from bot.core.text import fold

SEED = from_seed(read_seed())
TOPIC_KEYS = {fold(k) for t in SEED.topics for k in (t.name, *t.synonyms)}


def found(*texts: str, member: str = "Freedonia"):
    return find_agencies([Paragraph(str(n), t) for n, t in enumerate(texts, start=1)], TOPIC_KEYS, member)


def parents(*texts: str, member: str = "Freedonia") -> dict[str, str | None]:
    return {key: agency.parent for key, agency in found(*texts, member=member).agencies.items()}


def test_the_member_itself_and_its_government_are_not_agencies():
    result = found("The Freedonia Government (FG) helps. The Republic of Freedonia (ROF) helps.",
                   member="Republic of Freedonia")
    assert result.agencies == {}


def test_an_agency_named_again_without_its_acronym_is_the_same_agency():
    result = found("The Ministry of Trade (MOT) helps. The Ministry of Trade helps again.")
    assert list(result.agencies) == ["MOT"]
    assert result.agencies["MOT"].name == "Ministry of Trade"


def test_within_and_part_of_name_the_parent():
    assert parents("The Customs Office (CO) within the Ministry of Finance (MOF) seized goods.") == {
        "CO": "MOF", "MOF": None}
    assert parents("The Ministry of Finance (MOF) helps. The Customs Office (CO), part of the MOF, seized goods.") == {
        "MOF": None, "CO": "MOF"}


def test_including_gives_a_parent_to_what_follows_up_to_the_end_of_its_clause():
    assert parents("The Ministry of Trade (MOT), including the Trade Bureau (TB), helps; the Patent Bureau (PB) "
                   "too.") == {"MOT": None, "TB": "MOT", "PB": None}


def test_the_items_after_the_first_of_a_sentence_saying_who_delivers_the_work_are_agencies():
    result = found("Training is given by the Alpha Agency (AA); Border Guard Freedonia; and Trade Freedonia.")
    assert sorted(result.agencies) == ["AA", "Border Guard Freedonia", "Trade Freedonia"]
    assert found("Training: Alpha Freedonia; Border Guard Freedonia; and Trade Freedonia.").agencies == {}


def test_the_bullets_of_a_list_of_bodies_are_agencies_and_one_with_an_acronym_is_counted_once():
    result = found("The bodies involved are:\n• Patents Freedonia;\n• Border Guard Freedonia;\n"
                   "• Ministry of Health (MOH)")
    assert sorted(result.agencies) == ["Border Guard Freedonia", "MOH", "Patents Freedonia"]
    assert result.agencies["MOH"].name == "Ministry of Health"


def test_bullets_under_a_line_that_does_not_introduce_bodies_are_not_agencies():
    assert found("The topics covered are:\n• Patents Freedonia;\n• Border Guard Freedonia").agencies == {}
    assert found("The bodies involved\n• Patents Freedonia;\n• Border Guard Freedonia").agencies == {}  # no colon


def test_a_programme_is_a_programme_unless_an_agency_lists_it_among_its_units():
    run = found("The Global Programme for Design Rights (GPDR) is run by the Freedonia Patent Office (FPO).")
    assert list(run.agencies) == ["FPO"]
    assert run.programmes == {"GPDR": ("Global Programme for Design Rights", "GPDR", 0)}
    unit = found("The Freedonia Patent Office (FPO), including the Global Programme for Design Rights (GPDR), helps.")
    assert {k: a.parent for k, a in unit.agencies.items()} == {"FPO": None, "GPDR": "FPO"}
    assert unit.programmes == {}


def test_each_agency_remembers_the_paragraph_that_first_names_it():
    result = found("Nothing here.", "The Ministry of Trade (MOT) helps.", "The MOT helps again.")
    assert result.agencies["MOT"].paragraph == 1


def test_a_name_given_again_without_its_acronym_adds_no_second_agency():
    assert list(found("The Ministry of Trade (MOT) helps.", "Goods were seized by Ministry of Trade.").agencies) == [
        "MOT"]


def test_an_office_of_a_named_body_has_that_body_as_its_parent():
    assert parents("The U.S. Copyright Office of the Library of Congress (USCO) registers works.") == {
        "USCO": "Library of Congress", "Library of Congress": None}
    assert parents("The Library of Congress (LOC) holds books.",
                   "The U.S. Copyright Office of the Library of Congress (USCO) registers works.") == {
        "LOC": None, "USCO": "LOC"}
    usco = found("The U.S. Copyright Office of the Library of Congress (USCO) registers works.").agencies["USCO"]
    assert usco.name == "U.S. Copyright Office"


def test_a_directorate_named_as_an_agencys_own_has_that_agency_as_its_parent():
    assert parents("The Intellectual Property Office (IPO) helps.",
                   "Training was given by IPO's Copyright and Enforcement Directorate.") == {
        "IPO": None, "Copyright and Enforcement Directorate": "IPO"}


def test_an_agency_is_never_its_own_parent():
    assert parents("The Ministry of Trade (MOT) helps. Training was given by MOT's Ministry of Trade.") == {
        "MOT": None}


def test_dropping_a_programme_keeps_the_parents_of_the_other_agencies():
    assert parents("The Ministry of Trade (MOT), including the Trade Bureau (TB), helps.",
                   "The Global Programme for Design Rights (GPDR) is run by the Freedonia Patent Office (FPO).") == {
        "MOT": None, "TB": "MOT", "FPO": None}


def test_bullets_without_a_space_after_the_bullet_sign_are_read_too():
    result = found("The bodies involved are:\n•Patents Freedonia;\n•Border Guard Freedonia.")
    assert sorted(result.agencies) == ["Border Guard Freedonia", "Patents Freedonia"]


def test_an_item_that_names_no_body_is_skipped_and_the_others_are_still_found():
    result = found("Training is given by the Alpha Agency (AA); various partners; and Trade Freedonia.")
    assert sorted(result.agencies) == ["AA", "Trade Freedonia"]
    result = found("The bodies involved are:\n• various partners;\n• Border Guard Freedonia.")
    assert sorted(result.agencies) == ["Border Guard Freedonia"]


def test_an_item_ending_in_and_gives_the_name_without_the_and():
    result = found("Training is given by the Alpha Agency (AA); Border Guard Freedonia; and Trade Freedonia and "
                   "its partners.")
    assert sorted(result.agencies) == ["AA", "Border Guard Freedonia", "Trade Freedonia"]
    result = found("The bodies involved are:\n• Patents Freedonia and its regional offices;\n• Border Guard Freedonia.")
    assert sorted(result.agencies) == ["Border Guard Freedonia", "Patents Freedonia"]


def test_a_word_that_only_begins_with_and_does_not_end_a_bullets_name():
    result = found("The bodies involved are:\n• Patents Freedonia android app;\n• Border Guard Freedonia.")
    assert list(result.agencies) == ["Border Guard Freedonia"]


def test_a_single_word_item_is_not_an_agency():
    result = found("Training is given by the Alpha Agency (AA); Customs; and Trade Freedonia.")
    assert sorted(result.agencies) == ["AA", "Trade Freedonia"]


def test_a_bullet_that_goes_on_in_lower_case_is_an_activity_not_a_body():
    intro = "The activities of the agencies involved were:\n"
    assert found(intro + "• Public Awareness campaigns in schools;\n• Border Enforcement training for officers.") \
        .agencies == {}
    assert found(intro + "• the Public Awareness campaigns in schools;\n• the Border Enforcement training.") \
        .agencies == {}


def test_including_reaches_no_item_after_the_semicolon_that_ends_its_clause():
    assert parents("Training is given by the Ministry of Trade (MOT), including the Trade Bureau (TB); Border Guard "
                   "Freedonia; and Trade Freedonia.") == {
        "MOT": None, "TB": "MOT", "Border Guard Freedonia": None, "Trade Freedonia": None}


def test_a_body_after_a_comma_and_at_is_a_venue_not_a_parent():
    assert parents("A seminar for the Customs Office (CO), at the Ministry of Trade (MOT), covered border "
                   "measures.") == {"CO": None, "MOT": None}
    assert parents("A seminar for the Customs Office (CO) at the Ministry of Trade (MOT) covered border "
                   "measures.") == {"CO": "MOT", "MOT": None}


def test_part_of_picks_the_longest_name_the_parent_text_starts_with():
    assert parents("The Ministry of Trade and Industry (MTI) helps.", "Goods were seized by Ministry of Trade.",
                   "The Customs Office (CO), part of the Ministry of Trade and Industry, seized goods.") == {
        "MTI": None, "Ministry of Trade": None, "CO": "MTI"}
