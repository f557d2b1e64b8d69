"""The theme prefilter only skips patterns that cannot match: same themes as trying all."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportmine.extractors.findings import finding_candidates
from reportmine.extractors.themes import THEME_RULES, theme_of

SEEDS = Path(__file__).parents[2] / "corpus" / "papers" / "seeds"


def theme_by_trying_every_pattern(text: str) -> str:
    low = text.lower()
    return next((t for t, rx in THEME_RULES if rx.search(low)), "other")


def test_same_themes_as_trying_every_pattern_on_the_corpus():
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [c.text(text) for c in finding_candidates(text, with_context=False)]
    assert len(sentences) > 200
    for sentence in sentences:
        assert theme_of(sentence) == theme_by_trying_every_pattern(sentence), sentence


FRAGMENTS = [
    "care leavers", "leaving care", "front door", "MASH", "audits", "performance data",
    "voice of the child", "HMOs", "looked-after", "section 47", "pre-birth", "staffing",
    "multi agency", "£3m", "costs", "at risk", "the", "good", "not", "children's views",
    "caseload", "homeless", "county lines", "early help", "supervision", "Leaders",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6), st.sampled_from([" ", "-", ""]))
def test_same_themes_as_trying_every_pattern_on_generated_text(words, sep):
    text = sep.join(words)
    assert theme_of(text) == theme_by_trying_every_pattern(text)


@pytest.mark.parametrize(
    ("sentence", "theme"),
    [
        ("It was noted that the number of children being adopted had increased.",
         "children_in_care"),
        ("Members noted that the Virtual School was exemplar.", "children_in_care"),
        ("There had been an incremental increase in demand which was putting pressure on "
         "services.", "caseloads"),
        ("The overspend on the children's services budget is forecast at £4m.", "finance"),
        ("However, the cost of agency workers is significantly higher than permanent staff.",
         "workforce"),
        ("Expenditure in the financial year was £69.8m.", "finance"),
        ("Members noted the increase in suspensions and exclusions from schools.", "other"),
        ("Scrutiny needed to be more robust.", "leadership"),
        ("Analysis of demand and appropriate levels of staffing.", "workforce"),
    ],
)
def test_theme_rules(sentence, theme):
    assert theme_of(sentence) == theme
