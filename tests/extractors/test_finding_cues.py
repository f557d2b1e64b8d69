"""Cue features of candidate sentences: fast prefilters never change a feature."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportmine.extractors import finding_cues
from reportmine.extractors.finding_cues import sentence_features

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
