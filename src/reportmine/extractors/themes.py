"""Theme of a finding, from the contract's closed list, by keyword rules kept as data."""

from __future__ import annotations

import re

from reportmine.text.scan import Pattern, Span

# Ordered: the first theme whose pattern matches wins, most specific first.
# Patterns are lower case and matched against the lower-cased text (much faster than
# IGNORECASE over every candidate sentence).
THEME_RULES: list[tuple[str, re.Pattern[str]]] = [
    (t, re.compile(p.lower()))  # (no upper-case escapes such as \S in these patterns)
    for t, p in [
        (
            "caseloads",
            r"\bcaseloads?\b|\bworkloads?\b|\bdemand\s+(?:on|for|in|within)\b|"
            r"\b(?:high|rising|increas\w*|growing|incremental)\b[^.]{0,20}\bdemand\b",
        ),
        ("homelessness", r"\bhomeless"),
        (
            "exploitation",
            r"\bexploitation\b|\bextra[\s-]familial\b|\bmissing\s+from\b|\bgangs?\b|"
            r"\bcounty\s+lines\b|\btrafficking\b",
        ),
        ("neglect", r"\bneglect"),
        (
            "care_leavers",
            r"\bcare\s+leavers?\b|\bleaving\s+care\b|\bpathway\s+plans?\b|"
            r"\bcare[\s-]experienced\b",
        ),
        # schools' own results are education, not children's social care
        (
            "other",
            r"\bexclusions?\b|\bsuspensions?\b|\battainment\b|\bpersistent(?:ly)?\s+absen|"
            r"\bschool\s+leavers\b|\bkey\s+stage\b|\bgcse",
        ),
        (
            "front_door",
            r"\bfront\s+door\b|\bMASH\b|\bcontacts?\b|\breferrals?\b|\bduty\b|"
            r"\bscreening\b|\bthresholds?\b|\bearly\s+help\b|\bCADS\b",
        ),
        (
            "management_oversight",
            r"\bmanagement\s+oversight\b|\bmanagers?\s+oversight\b|"
            r"\bsupervision\b|\bmanagerial\b",
        ),
        (
            "quality_assurance",
            r"\bquality\s+assurance\b|\baudits?\b|\bperformance\s+"
            r"(?:information|management|data)\b",
        ),
        (
            "voice_of_child",
            r"\bvoice\s+of\s+the\s+child\b|\bwishes\s+and\s+feelings\b|"
            r"\bdirect\s+work\b|\bchildren'?s\s+views\b|\blived\s+experience",
        ),
        (
            "placements",
            r"\bplacements?\b|\bsufficiency\b|\bfoster(?:ing)?\s+carers?\b|"
            r"\bconnected\s+persons\b|\bresidential\b|\bHMOs?\b|\bfostering\s+service\b|"
            r"\bplacing\b",
        ),
        (
            "children_in_care",
            r"\bchildren\s+in\s+(?:our\s+)?care\b|\blooked[\s-]after\b|"
            r"\bpermanence\b|\bcare\s+proceedings\b|\bcorporate\s+parent|\badopt\w*|"
            r"\bvirtual\s+school\b|\bhealth\s+assessments?\b|\bunaccompanied\b|\buasc\b|"
            r"\blac\b|\bspecial\s+guardianship\b",
        ),
        (
            "child_protection",
            r"\bchild\s+protection\b|\bstrategy\s+(?:meetings?|discussions?)\b|"
            r"\bsection\s+47\b|\bsignificant\s+harm\b|\bsafety\s+plan|"
            r"\bat\s+risk\b|\bpre[\s-]birth\b|\bunborn\b|\bdomestic\s+abuse\b",
        ),
        (
            "workforce",
            r"\bsocial\s+workers?\b|\bstaff\w*\b|\brecruit\w*|\bretention\b|"
            r"\bagency\b|\btraining\b|\bworkforce\b|\bvacanc",
        ),
        (
            "finance",
            r"\bbudget\w*\b|\boverspend\w*\b|\bunderspend\w*\b|£|\bfunding\b|\bcost\w*\b|"
            r"\bexpenditure\b|\bfinancial\b|\bfinances\b|\bgrant\b|\bsavings?\b",
        ),
        (
            "leadership",
            r"\bleaders?\w*\b|\bsenior\s+managers?\b|\bdirector\b|\bgovernance\b|"
            r"\bimprovement\s+plan\b|\bscrutiny\b|\bcouncillors?\b",
        ),
        ("partnership", r"\bpartner\w*\b|\bmulti[\s-]agency\b|\bpolice\b|\bhealth\b|\bschools?\b"),
        ("recording", r"\brecord\w*\b|\bcase\s+management\s+system\b|\bchronolog"),
    ]
]




# Each rule run with the prefilters its pattern implies (`Pattern`): a theme whose words
# are absent from the text is skipped (most findings are tried against most themes).
_PREFILTERED = [(theme, Pattern(rx)) for theme, rx in THEME_RULES]


def theme_of(text: str) -> str:
    """The first matching theme, or `other`."""
    low = text.lower()
    for theme, pattern in _PREFILTERED:
        if pattern.found(Span(low, low)):  # the patterns are lower case, as `low` is
            return theme
    return "other"
