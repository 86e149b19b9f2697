"""Text helpers: the folding key for comparisons, what counts as showing nothing, truncation, reading a Slack
message back as typed, and escaping long text into pieces that fit Slack's limits without breaking an escape."""

from hypothesis import given, settings, strategies as st

from bot.core.text import escape_mrkdwn, escaped_pieces, fold, fold_once, invisible, slack_plain_text, truncate

WIDTH = {"&": 5, "<": 4, ">": 4}


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_folding_ignores_case_accents_and_runs_of_space():
    assert fold("Côte  d'Ivoire") == "cote d'ivoire"
    assert fold("  São\u00a0Tomé ") == "sao tome"
    assert fold("CUSTOMS \t and\nBORDER") == "customs and border"
    assert fold("Ｆｕｌｌ") == "full"  # compatibility forms fold too
    assert fold_once("Côte  D'IVOIRE") == fold("côte d'ivoire")


def test_ascii_text_shows_something_iff_it_has_a_printable_character():
    assert invisible("") and invisible("  \t\n") and invisible("\x00\x07\x1b\x7f")
    assert not invisible(" a ") and not invisible("!") and not invisible("~")


def test_other_text_shows_nothing_when_only_spaces_controls_and_format_characters():
    assert invisible("\u200b\u200d\u00a0\u202e\u3000")
    assert invisible("\ue000 \u200b")  # a private-use character alone shows nothing
    for shown in ("Côte d'Ivoire", "東京", "\u200b🙂", "é", "\u200ba"):
        assert not invisible(shown), shown


def test_escaping_makes_the_three_control_characters_literal():
    assert escape_mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_truncation_keeps_text_that_fits_and_marks_a_cut_with_an_ellipsis_within_the_limit():
    assert truncate("abcde", 5) == "abcde"
    assert truncate("abcdef", 5) == "abcd…"
    assert truncate("abcdef", 1) == "…"
    assert truncate("abcdef", 0) == "…"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.integers(min_value=1, max_value=30))
def test_truncation_is_the_text_or_a_prefix_and_an_ellipsis_never_longer_than_the_limit(text, limit):
    cut = truncate(text, limit)
    if len(text) <= limit:
        assert cut == text
    else:
        assert len(cut) == limit and cut.endswith("…") and text.startswith(cut[:-1])


def test_a_slack_message_reads_back_as_typed():
    assert slack_plain_text("<@UBOT> who handles <https://x.gov|customs>?") == "who handles customs?"
    assert slack_plain_text("<@UBOT|art67bot>  see <https://x.gov/a> and <mailto:a@b.org>") == \
        "see https://x.gov/a and mailto:a@b.org"
    assert slack_plain_text("<!here> in <#C123|general> and <#C456>: a &lt;b&gt; &amp; c") == \
        "here in general and : a <b> & c"
    assert slack_plain_text("<!channel> ping") == "channel ping"
    assert slack_plain_text("") == "" and slack_plain_text(None) == ""


def test_long_text_breaks_after_a_word_or_a_line_in_the_second_half_of_a_piece():
    assert escaped_pieces("hello world", 20, 3) == (["hello world"], 0)
    assert escaped_pieces("aaaaa bbbbbbbbb", 10, 3) == (["aaaaa ", "bbbbbbbbb"], 0)  # a space at the half
    assert escaped_pieces("aaaaa bbbbbbbbbbbb", 11, 3) == (["aaaaa ", "bbbbbbbbbbb", "b"], 0)
    assert escaped_pieces("aaaa bbbbbbbbbb", 10, 3) == (["aaaa bbbbb", "bbbbb"], 0)  # too early: cut hard
    assert escaped_pieces("aaa bbbbbb\ncccc", 12, 3) == (["aaa bbbbbb\n", "cccc"], 0)  # the later break wins
    assert escaped_pieces("aaa\nbbbbbb cccc", 12, 3) == (["aaa\nbbbbbb ", "cccc"], 0)


def test_escapes_count_at_their_escaped_width_and_are_never_split():
    assert escaped_pieces("&&", 9, 3) == (["&amp;", "&amp;"], 0)
    assert escaped_pieces("&&", 10, 3) == (["&amp;&amp;"], 0)
    assert escaped_pieces("<<<", 8, 3) == (["&lt;&lt;", "&lt;"], 0)
    assert escaped_pieces(">>>", 8, 3) == (["&gt;&gt;", "&gt;"], 0)
    assert escaped_pieces("a<", 4, 3) == (["a", "&lt;"], 0)


def test_what_does_not_fit_in_the_pieces_allowed_is_counted():
    assert escaped_pieces("x" * 25, 10, 2) == (["x" * 10, "x" * 10], 5)
    assert escaped_pieces("", 10, 2) == ([], 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab &<>\n", max_size=60), st.integers(min_value=5, max_value=20),
       st.integers(min_value=1, max_value=4))
def test_pieces_fit_the_limit_and_give_back_the_text_in_order(text, limit, most):
    pieces, left = escaped_pieces(text, limit, most)
    assert len(pieces) <= most
    assert all(piece and len(piece) <= limit for piece in pieces)
    shown = "".join(_unescape(piece) for piece in pieces)
    assert shown + text[len(shown):] == text and left == len(text) - len(shown)
    assert all(escape_mrkdwn(_unescape(piece)) == piece for piece in pieces)
    if left:
        assert len(pieces) == most


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab&<>", max_size=60), st.integers(min_value=5, max_value=20))
def test_without_a_place_to_break_each_piece_holds_as_much_as_fits(text, limit):
    pieces, left = escaped_pieces(text, limit, 100)
    assert left == 0
    at = 0
    for piece in pieces[:-1]:
        at += len(_unescape(piece))
        assert len(piece) + WIDTH.get(text[at], 1) > limit
