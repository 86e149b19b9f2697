"""Every source the shipped knowledge base cites is one a user can open: a verbatim sentence of a
stored report, or a public web page."""

import tomllib
from importlib import resources

import pytest

from bot.core.knowledge.documents import read_document
from bot.core.knowledge.sentences import ELLIPSIS, QUOTE_LIMIT

RAW = resources.files("bot.data").joinpath("knowledge.toml").read_text(encoding="utf-8")
DATA = tomllib.loads(RAW)
DOCUMENTS = {d["key"]: d for d in DATA.get("documents", [])}


def _paragraphs(document: dict) -> dict[str, str]:
    stored = resources.files("bot.data").joinpath(document["file"])
    return {p.number: p.text for p in read_document(stored.read_bytes(), document["file"])}


PARAGRAPHS = {key: _paragraphs(d) for key, d in DOCUMENTS.items()}
ENTRIES = [(kind, record, source)
           for kind, id_key in (("agencies", "acronym"), ("links", "topic"))
           for record in DATA[kind] for source in record.get("sources", ())]


def _label(record: dict) -> str:
    return record.get("acronym") or f"{record['topic']} -> {record['agency']}"


def _quotes(link: dict) -> list[dict]:
    return [s for s in link.get("sources", ()) if "document" in s]


def _link(topic: str, agency: str) -> dict | None:
    return next((l for l in DATA["links"] if l["topic"] == topic and l["agency"] == agency), None)


def test_the_shipped_report_is_described_and_readable():
    assert DATA["member"] == "United States of America"
    assert set(DOCUMENTS) == {"us-2021"}
    document = DOCUMENTS["us-2021"]
    assert document["date"] == "2021-09-15" and document["url"].startswith("https://e-trips.wto.org/")
    assert {"1", "5", "6", "9", "10"} <= set(PARAGRAPHS["us-2021"])


@pytest.mark.parametrize("kind,record,source", ENTRIES, ids=[f"{k}:{_label(r)}" for k, r, _ in ENTRIES])
def test_every_source_is_a_verbatim_quote_or_a_public_page(kind, record, source):
    if set(source) == {"document", "paragraph", "quote"}:
        assert source["document"] in DOCUMENTS
        text = PARAGRAPHS[source["document"]].get(source["paragraph"])
        assert text is not None, f"no paragraph {source['paragraph']}"
        quote = source["quote"]
        assert 0 < len(quote) <= QUOTE_LIMIT
        pieces = [piece for piece in quote.split(ELLIPSIS) if piece.strip()]
        assert pieces
        for piece in pieces:
            assert piece in text, piece
    else:
        assert set(source) == {"title", "url"}, source
        assert source["title"].strip() and source["url"].startswith("http")
        assert "not shown" not in source["title"]


def test_agencies_and_links_cite_sources_not_free_text():
    for kind in ("agencies", "links"):
        for record in DATA[kind]:
            assert "source" not in record, _label(record)
            assert record.get("sources"), _label(record)


def test_every_link_has_a_source_and_ranks_have_no_gaps():
    ranks: dict[str, list[int]] = {}
    for link in DATA["links"]:
        assert len(link.get("sources", ())) >= 1, _label(link)
        ranks.setdefault(link["topic"], []).append(link["rank"])
    for topic, found in ranks.items():
        assert sorted(found) == list(range(1, len(found) + 1)), topic


def test_no_private_working_names():
    lowered = RAW.casefold()
    assert "seed" not in lowered
    assert "domain.md" not in lowered


@pytest.mark.parametrize("topic", ["border-enforcement", "criminal-investigation-prosecution", "adjudication",
                                   "searches-law-enforcement-techniques"])
def test_gipa_answers_for_customs_police_prosecutor_and_judicial_training(topic):
    link = _link(topic, "GIPA")
    assert link is not None
    assert any(s["document"] == "us-2021" and s["paragraph"] in {"9", "10"} for s in _quotes(link))


def test_paragraph_6_never_supports_a_link_on_its_own():
    for link in DATA["links"]:
        others = [s for s in link["sources"] if not ("document" in s and s["paragraph"] == "6")]
        assert others, _label(link)


def test_usda_is_not_linked_to_geographical_indications():
    assert _link("geographical-indications", "USDA") is None
