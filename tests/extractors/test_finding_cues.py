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
