"""The metric labels: each one's meaning in one record.

A label's record is all the pipeline knows of it: the schema's closed list of `metric`
values (`core.models.MetricName`) is these names, and the metrics extractor reads each
record's words to choose a figure's label. Adding a label is adding a record here (and
`make schema`). The order is the order of preference: where two labels' words both
fit a figure, the earlier wins.

Word patterns are regular expressions matched case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MetricLabel:
    """One label of the `metrics` table.

    count_nouns: the nouns a count of this is a count of ("vacancies", "social workers").
    percent_words: words near a percentage that make it this ("agency" for agency_rate).
    subject_words: the subject, before a bare count, that makes it this ("children").
    sentence_word: a bare count in a sentence holding this word is this ("caseload").
    recounts: (label, words): a figure read as `label` in a sentence matching `words` is
        this one instead (a staff count in a sentence about vacancies is vacancies).
    fractional: counts of it come in fractions (full-time equivalents).
    count_unit: the unit a count labelled this is in, when not `count`.
    """

    name: str
    description: str
    count_nouns: str | None = None
    percent_words: str | None = None
    subject_words: str | None = None
    sentence_word: str | None = None
    recounts: tuple[str, str] | None = None
    fractional: bool = False
    count_unit: str | None = None


METRIC_LABELS: tuple[MetricLabel, ...] = (
    MetricLabel(
        "agency_rate",
        "Share of the workforce who are agency (interim, locum) staff.",
        percent_words=r"\bagency\b|\binterim\b|\blocum",
    ),
    MetricLabel(
        "staff_count",
        "A number of staff: social workers, practitioners, managers, posts filled.",
        count_nouns=(
            r"(?:new\s+|additional\s+|more\s+|fewer\s+|permanent\s+|agency\s+|qualified\s+|"
            r"experienced\s+|frontline\s+)?(?:social\s+workers|staff|practitioners|(?:team|"
            r"service|practice|senior)\s+managers?|managers|workers|employees|FTE|posts?\s+"
            r"filled)"
        ),
        subject_words=r"\bsocial workers\b|\bstaff\b|\bmanagers\b",
        fractional=True,
    ),
    MetricLabel(
        "vacancies",
        "Vacant posts, as a number or a rate.",
        count_nouns=r"(?:vacant\s+posts?|vacancies|unfilled\s+posts?)",
        percent_words=r"\bvacan",
        subject_words=r"\bvacancies\b|\bvacant posts\b",
        recounts=("staff_count", r"\bvacan|\bunfilled\b"),
        fractional=True,
    ),
    MetricLabel(
        "staff_turnover",
        "Staff who left, as a number or a rate.",
        count_nouns=(
            r"(?:leavers?\s+from\s+the\s+workforce|staff\s+(?:have\s+)?left|resignations|"
            r"starters)"
        ),
        percent_words=r"\bturnover\b|\bleft the (?:service|authority|council)|\bleavers? rate",
        recounts=("staff_count", r"\b(?:left|leaving|leavers?|turnover|resign\w*)\b"),
    ),
    MetricLabel(
        "children_count",
        "A number of children, young people, care leavers or families.",
        count_nouns=(
            r"(?:looked[\s-]after\s+)?(?:children|young\s+people|care\s+leavers|babies|infants|"
            r"unaccompanied\s+asylum[\s-]seeking\s+children|families|households|young\s+"
            r"adults|UASC|pupils|learners|students|births|young\s+carers)"
        ),
        subject_words=(
            r"\bchildren\b(?!'s)|\byoung people\b|\bcare leavers\b|\bfamil|"
            r"\bbirths\b|\bpupils\b|\bUASC\b|\bunaccompanied\b"
        ),
    ),
    MetricLabel(
        "cases_count",
        "A number of cases, plans, assessments, placements or proceedings.",
        count_nouns=(
            r"(?:cases|child\s+protection\s+plans|children\s+in\s+need\s+plans|plans|"
            r"assessments|strategy\s+(?:meetings|discussions)|care\s+proceedings|placements|"
            r"audits|complaints|foster\s+carers|fostering\s+households|EHCPs|individuals)"
        ),
        subject_words=r"\bcases\b|\bplans\b|\bassessments\b",
    ),
    MetricLabel(
        "contacts_referrals",
        "Contacts and referrals to children's social care, as a number or a rate.",
        count_nouns=r"(?:referrals|contacts|re-referrals)",
        percent_words=r"\breferrals?\b|\bcontacts?\b|\bre-referral",
        subject_words=r"\breferrals?\b|\bcontacts?\b",
    ),
    MetricLabel(
        "caseload",
        "Cases per social worker.",
        percent_words=r"\bcaseloads?\b",
        sentence_word="caseload",
        count_unit="cases_per_worker",
    ),
    MetricLabel(
        "percent_change",
        "A stated rise or fall, in percent.",
        percent_words=(
            r"\bincreas|\bdecreas|\breduc|\brise\b|\brose\b|\brisen\b|\buplift|"
            r"\bgrowth\b|\braise\b|\bfall\b|\bfell\b|\bdrop|\bup by\b|\bdown by\b"
        ),
    ),
    MetricLabel("money", "An amount in pounds (see `money_kind`)."),
    MetricLabel(
        "other",
        "A figure worth charting that fits no label above.",
        count_nouns=(
            r"(?:population|residents|homes|sessions|schools|settings|councils|Council\s+"
            r"Leaders|members|volunteers|businesses|places|beds|properties|premises|sites|"
            r"projects)"
        ),
    ),
)
METRIC_NAMES: tuple[str, ...] = tuple(label.name for label in METRIC_LABELS)
