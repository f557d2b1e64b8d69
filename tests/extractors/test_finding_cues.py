"""Cue features of candidate sentences: fast prefilters never change a feature."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.extractors import finding_cues
from reportmine.extractors.finding_cues import sentence_features
from tests.strategies import joined_texts

# Characters around the money forms, and the ones case-insensitive matching treats specially.
_ALPHABET = st.sampled_from(list("perPERcentCENT£%0123456789 .,x\u212a\u017f\u0130\u00a0"))


@settings(max_examples=2000)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_money_prefilter_passes_every_sentence_the_pattern_matches(sentence: str) -> None:
    if finding_cues._MONEY.search(sentence):
        assert finding_cues._may_hold_money(sentence)


@pytest.mark.parametrize(
    ("sentence", "feature"),
    [
        ("The overspend is £923k this year.", "zzmoney"),
        ("Agency staff are 18 % of the workforce.", "zzmoney"),
        ("Turnover fell by five PER CENT over the year.", "zzmoney"),
        ("Caseloads average 18 per social worker.", "zzdigits"),
        ("Performance improved across the service.", None),
        ("Supervision is regular and reflective.", None),
    ],
)
def test_money_and_digit_features(sentence: str, feature: str | None) -> None:
    feats = set(sentence_features(sentence, None, "paragraph"))
    found = feats & {"zzmoney", "zzdigits"}
    assert found == ({feature} if feature else set())


_CUE_WORDS = st.sampled_from(
    [
        "good",
        "well",
        "effective",
        "weak",
        "poor",
        "not",
        "too",
        "few",
        "plans",
        "will",
        "review",
        "procedure",
        "the",
        "children",
        "social",
        "workers",
        "visits",
        "are",
        "is",
        "timely",
        "delays",
        "improved",
    ]
)


@settings(max_examples=1000)
@given(st.lists(_CUE_WORDS, max_size=12).map(" ".join))
def test_evaluative_means_some_evaluation_and_no_plan_or_procedure(sentence: str) -> None:
    analysis = finding_cues.analyse(sentence)
    counts = dict(analysis.counts)
    evaluation = sum(counts[n] for n in finding_cues.POSITIVE + finding_cues.NEGATIVE)
    assert analysis.evaluative == (evaluation > 0 and not (counts["plan"] or counts["procedure"]))


@pytest.mark.parametrize(
    ("sentence", "evaluative"),
    [
        ("Supervision is regular and effective.", True),
        ("Too many children wait too long for an assessment.", True),
        ("The service will review its plans in March.", False),
        ("The committee met on 9 June.", False),
    ],
)
def test_is_evaluative(sentence: str, evaluative: bool) -> None:
    assert finding_cues.is_evaluative(sentence) is evaluative


_WORD_PIECES = [
    "don't",
    "people's",
    "child-centred",
    "-",
    "'",
    "'t",
    "t",
    "a1",
    "b",
    "--",
    " ",
    ".",
    "\u2019",
    "\u00e9",
    "\u212a",
    "\u0130",
    "_",
    "x-",
    "-y",
    "\n",
]


@settings(max_examples=3000)
@given(joined_texts(_WORD_PIECES, 10))
def test_cue_words_are_the_word_pattern_matches(text: str) -> None:
    low = text.lower()
    assert finding_cues.cue_words(low) == finding_cues._WORD.findall(low)


_PHRASES = r"(?:is|are)\s+(?:seen|visited)|in\s+place|too\s+(?:high|few)|needs?\s+to\s+\w+"


@settings(max_examples=2000)
@given(
    joined_texts(
        [
            "is",
            "are",
            "seen",
            "visited",
            "in",
            "place",
            "too",
            "high",
            "few",
            "need",
            "needs",
            "to",
            "be",
            "-",
            ",",
            "_",
            "\u00e9",
            " ",
        ],
        10,
    )
)
def test_family_phrases_match_where_the_plain_pattern_does(text: str) -> None:
    """A family's phrases are searched as `\\W(...)` after a leading space: the same
    matches, at the same offsets, as `\\b(...)\\b` in the sentence itself."""
    family = finding_cues._family("test", phrases=_PHRASES)
    got = [(m.start(), m.end() - 1) for m in family.phrases.finditer(" " + text)]
    plain = [m.span() for m in re.finditer(rf"\b(?:{_PHRASES})\b", text)]
    assert got == plain


@pytest.mark.parametrize("phrases", [r"\d+\s+cases", r"s?aid", r"(?:good|\w+ly)\s+done", "£"])
def test_a_phrase_that_may_not_begin_with_a_letter_is_refused(phrases: str) -> None:
    with pytest.raises(ValueError, match="must begin with a letter"):
        finding_cues._family("test", phrases=phrases)


def test_marked_keeps_word_characters_and_marks_the_rest() -> None:
    assert finding_cues.marked(" a-b\tc\x1cd_e (f)") == b" a\x01b c d_e \x01f\x01"
    assert finding_cues.marked(" caf\u00e9") is None  # not ASCII: searched the plain way


def test_a_phrase_with_a_literal_mark_is_searched_the_plain_way() -> None:
    family = finding_cues._family("test", phrases=r"well-led\s+teams|good\s+work")
    assert family.after_space is None and family.after_mark is None
    spaced = " x well-led teams, (good work"
    marks = finding_cues.marked(spaced)
    assert finding_cues.phrase_starts(family, spaced, marks) == [2, 19]


_PHRASE_WORDS = sorted(
    {
        word
        for family in finding_cues.FAMILIES
        if family.phrases is not None
        for word in re.findall(r"[a-z]+", family.phrases.pattern)
        if len(word) > 1
    }
)


@settings(max_examples=3000)
@given(
    joined_texts(
        _PHRASE_WORDS + [" ", "  ", ",", "(", "-", "'", "\t", "\x1c", "_", ".", "\u00e9", "9"],
        12,
    )
)
def test_phrases_in_marked_bytes_match_where_the_plain_pattern_does(text: str) -> None:
    """Searching after spaces and after marks separately finds each family's matches."""
    spaced = " " + text.lower()
    marks = finding_cues.marked(spaced)
    for family in finding_cues.FAMILIES:
        if family.phrases is not None:
            plain = [m.start() for m in family.phrases.finditer(spaced)]
            assert finding_cues.phrase_starts(family, spaced, marks) == plain, family.name


@pytest.mark.parametrize(
    ("sentence", "starts"),
    [
        ("in place of", [0]),
        ("(in place", [1]),  # after a mark only
        ("so (in place of", [4]),  # after a mark, and an overlapping match after a space
        ("place of it, (in place", [0, 14]),  # both, apart
    ],
)
def test_phrase_starts_after_spaces_and_marks(sentence: str, starts: list[int]) -> None:
    family = finding_cues._family("test", phrases=r"in\s+place|place\s+of")
    spaced = " " + sentence
    found = finding_cues.phrase_starts(family, spaced, finding_cues.marked(spaced))
    assert found == starts == [m.start() for m in family.phrases.finditer(spaced)]


@settings(max_examples=2000)
@given(st.text(alphabet=st.sampled_from(list("ab 09.\u0663\u00e9\U0001d7d8\u00b2")), max_size=20))
def test_has_digit_is_the_digit_pattern(sentence: str) -> None:
    """Arabic-Indic and mathematical digits are digits too; a superscript two is not."""
    assert finding_cues.has_digit(sentence) == (finding_cues._DIGITS.search(sentence) is not None)
