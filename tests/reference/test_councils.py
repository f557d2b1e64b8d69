"""Tests for the local-authority table and the council recogniser."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reportmine.reference import councils
from reportmine.reference.councils import (
    Council,
    CouncilMention,
    council_from_path,
    find_council_mentions,
    load_councils,
    lookup_council,
    resolve_council,
)
from reportmine.text.scan import Span, folded

BY_CODE = {c.gss_code: c for c in load_councils()}
SHARED_DOMAINS = {"achievingforchildren.org.uk", "richmondandwandsworth.gov.uk"}
FILLER = "The service has improved its practice with children and families. " * 40


def _is_domain(alias: str) -> bool:
    return " " not in alias and "." in alias and alias == alias.lower()


ALL_SURFACES = [
    (c.gss_code, text)
    for c in load_councils()
    for text in (c.name, *c.aliases)
    if not _is_domain(text)
]


# --- the table -----------------------------------------------------------------------------


def test_table_has_every_authority_once():
    councils = load_councils()
    assert len(councils) == 156
    assert len({c.gss_code for c in councils}) == len(councils)
    assert len({c.la_code for c in councils}) == len(councils)
    assert all(isinstance(c, Council) for c in councils)


def test_csv_header_and_encoding():
    raw = resources.files("reportmine.reference").joinpath("councils.csv").read_text("utf-8")
    header = next(csv.reader(raw.splitlines()))
    assert header == ["name", "gss_code", "la_code", "region", "domain", "aliases"]


@pytest.mark.parametrize(
    ("gss", "name", "la_code", "region", "domain"),
    [
        ("E06000008", "Blackburn with Darwen", "889", "North West", "blackburn.gov.uk"),
        (
            "E06000058",
            "Bournemouth, Christchurch and Poole",
            "839",
            "South West",
            "bcpcouncil.gov.uk",
        ),
        ("E10000016", "Kent", "886", "South East", "kent.gov.uk"),
        ("E08000032", "Bradford", "380", "Yorkshire and the Humber", "bradford.gov.uk"),
        ("E06000047", "Durham", "840", "North East", "durham.gov.uk"),
        ("E10000029", "Suffolk", "935", "East of England", "suffolk.gov.uk"),
    ],
)
def test_rows(gss, name, la_code, region, domain):
    c = BY_CODE[gss]
    assert (c.name, c.la_code, c.region, c.domain) == (name, la_code, region, domain)


def test_load_councils_is_cached():
    assert load_councils() is load_councils()


# --- lookup_council ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "gss"),
    [
        ("BwD", "E06000008"),
        ("Blackburn with Darwen", "E06000008"),
        ("Blackburn with Darwen Borough Council", "E06000008"),
        ("BCP", "E06000058"),
        ("BCP Council", "E06000058"),
        ("Bournemouth Christchurch & Poole", "E06000058"),
        ("Bournemouth", "E06000058"),
        ("Poole", "E06000029"),
        ("KCC", "E10000016"),
        ("Kent County Council", "E10000016"),
        ("Bradford Metropolitan District Council", "E08000032"),
        ("City of Bradford", "E08000032"),
        ("someone@bradford.gov.uk", "E08000032"),
        ("https://www.blackpool.gov.uk/children", "E06000009"),
        ("bcpcouncil.gov.uk", "E06000058"),
        ("Royal Borough of Greenwich", "E09000011"),
        ("London Borough of Hackney", "E09000012"),
        ("Hull", "E06000010"),
        ("Kingston upon Hull City Council", "E06000010"),
        ("Kingston upon Thames", "E09000021"),
        ("Telford and Wrekin", "E06000020"),
        ("Telford & Wrekin Council", "E06000020"),
        ("Bristol", "E06000023"),
        ("Bristol City Council", "E06000023"),
        ("Herefordshire Council", "E06000019"),
        ("Durham", "E06000047"),
        ("County Durham", "E06000047"),
        ("Durham County Council", "E06000047"),
        ("Cumberland", "E06000063"),
        ("Westmorland & Furness", "E06000064"),
        ("North Northamptonshire Council", "E06000061"),
        ("St Helens", "E08000013"),
        ("Stoke on Trent", "E06000021"),
        ("Derbyshire County Council", "E10000007"),
        ("Derby City Council", "E06000015"),
        ("Derbyshir", "E10000007"),  # fuzzy
        ("Eastt Sussex", "E10000011"),  # fuzzy
        ("  blackpool COUNCIL ", "E06000009"),
    ],
)
def test_lookup_council(query, gss):
    found = lookup_council(query)
    assert found is not None, query
    assert found.gss_code == gss


@pytest.mark.parametrize(
    "query",
    [
        "",
        "the Council",
        "Council",
        "London",
        "Yorkshire",
        "Sussex",
        "children's services",
        "nobody@example.com",
        "achievingforchildren.org.uk",
        "Derbyshire and Kent",
    ],
)
def test_lookup_council_none(query):
    assert lookup_council(query) is None


def test_lookup_council_respects_min_score():
    assert lookup_council("Derbyshir", min_score=99) is None
    assert lookup_council("Lancshire", min_score=80).name == "Lancashire"


# --- find_council_mentions -----------------------------------------------------------------


def _found(text: str) -> list[tuple[str, str, str]]:
    return [(m.council.gss_code, m.quote, m.how) for m in find_council_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Report by BwD officers", [("E06000008", "BwD", "abbreviation")]),
        ("BCP Council cabinet", [("E06000058", "BCP Council", "alias")]),
        (
            "Blackburn with Darwen Borough Council",
            [("E06000008", "Blackburn with Darwen Borough Council", "alias")],
        ),
        ("BLACKBURN WITH DARWEN", [("E06000008", "BLACKBURN WITH DARWEN", "name")]),
        ("Contact: someone@bradford.gov.uk.", [("E08000032", "someone@bradford.gov.uk", "domain")]),
        (
            "See www.blackpool.gov.uk/children for details",
            [("E06000009", "www.blackpool.gov.uk", "domain")],
        ),
        ("Derbyshire", [("E10000007", "Derbyshire", "name")]),
        (
            "Derby and Derbyshire",
            [("E06000015", "Derby", "name"), ("E10000007", "Derbyshire", "name")],
        ),
        ("North Yorkshire", [("E06000065", "North Yorkshire", "name")]),
        ("a visit to New York", []),
        ("City of York Council", [("E06000014", "City of York Council", "alias")]),
        ("Kentish Town", []),
        ("Kent's children", [("E10000016", "Kent", "name")]),
        ("we must bury the past", []),
        (
            "Bury Council and Bury",
            [("E08000002", "Bury Council", "alias"), ("E08000002", "Bury", "name")],
        ),
        ("Bury St Edmunds", []),
        ("Reading the report, members noted", []),
        ("Reading Borough Council", [("E06000038", "Reading Borough Council", "alias")]),
        ("children in Reading", [("E06000038", "Reading", "name")]),
        ("the hull of a ship", []),
        (
            "Hull and the East Riding",
            [("E06000010", "Hull", "alias"), ("E06000011", "East Riding", "alias")],
        ),
        ("Poole harbour", [("E06000029", "Poole", "name")]),
        (
            "Bournemouth, Christchurch and Poole",
            [("E06000058", "Bournemouth, Christchurch and Poole", "name")],
        ),
        ("Halton and Sutton", [("E06000006", "Halton", "name"), ("E09000029", "Sutton", "name")]),
        ("Sutton Coldfield and the Sutton Trust", []),
        ("Wirral", [("E08000015", "Wirral", "name")]),
        ("Bath and North East Somerset", [("E06000022", "Bath and North East Somerset", "name")]),
        ("North Somerset", [("E06000024", "North Somerset", "name")]),
        (
            "B&NES and BaNES",
            [("E06000022", "B&NES", "abbreviation"), ("E06000022", "BaNES", "abbreviation")],
        ),
        (
            "Durham and County Durham",
            [("E06000047", "Durham", "name"), ("E06000047", "County Durham", "alias")],
        ),
        (
            "Stoke on Trent and Stoke-on-Trent",
            [("E06000021", "Stoke on Trent", "name"), ("E06000021", "Stoke-on-Trent", "name")],
        ),
        ("Newcastle-under-Lyme", []),
        ("Newcastle upon Tyne", [("E08000021", "Newcastle upon Tyne", "name")]),
        ("Greater Manchester", []),
        ("Telford & Wrekin", [("E06000020", "Telford & Wrekin", "alias")]),
        ("Blackburn with\nDarwen", [("E06000008", "Blackburn with\nDarwen", "name")]),
        ("the Council", []),
        ("bcp kcc bwd", []),
        ("Kingston upon Hull", [("E06000010", "Kingston upon Hull", "alias")]),
        ("Kingston upon Thames", [("E09000021", "Kingston upon Thames", "name")]),
        (
            "St. Helens and St Helens",
            [("E08000013", "St. Helens", "name"), ("E08000013", "St Helens", "alias")],
        ),
    ],
)
def test_find_council_mentions(text, expected):
    assert _found(text) == expected


def test_mention_offsets_quote_the_text():
    text = "Inspection of Blackpool local authority children's services (BwD, KCC)"
    for m in find_council_mentions(text):
        assert isinstance(m, CouncilMention)
        assert text[m.start : m.end] == m.quote
        assert m.score == 1.0


SEEDS = Path(__file__).parents[2] / "corpus" / "papers" / "seeds"
TRICKY = [
    "Canterbury and Bury; north-somerset; North Somerset; Stoke-on-Trent, Kingston upon Hull",
    "H&F and BwD (bwd) with jane@bradford.gov.uk, www.blackpool.gov.uk. St\u00a0Helens",
    "\u0130stanbul then Blackpool; Blackpool\u2019s; Reading the report, Reading Borough",
    "Bath and North East Somerset; BaNES; the City of London; London",
]


def mentions_the_plain_way(text: str, monkeypatch) -> list[CouncilMention]:
    """find_council_mentions with the word-start shortcut turned off."""
    plain = replace(councils._index(), first_words=None)
    with monkeypatch.context() as m:
        m.setattr(councils, "_index", lambda: plain)
        return find_council_mentions(text)


def test_word_start_shortcut_finds_exactly_what_the_plain_search_finds(monkeypatch):
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for text in texts:
        assert find_council_mentions(text) == mentions_the_plain_way(text, monkeypatch)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "Bury",
                "bury",
                "Canter",
                "Blackpool",
                "BwD",
                "-",
                " ",
                ", ",
                "St",
                "Helens",
                "North",
                "Somerset",
                "upon",
                "Hull",
                "@",
                "bradford.gov.uk",
                ".",
                "the",
                "\u2019s",
                "Kingston",
                "on",
                "Trent",
                "Stoke",
                "\u0130",
                "\u212a",
            ]
        ),
        max_size=12,
    )
)
def test_word_start_shortcut_on_generated_text(monkeypatch, parts):
    text = "".join(parts)
    assert find_council_mentions(text) == mentions_the_plain_way(text, monkeypatch)


# --- resolve_council -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "gss", "quote"),
    [
        (
            "Inspection of Blackpool local authority children's services\n"
            + FILLER
            + "Blackpool Families Rock. Lancashire was consulted.",
            "E06000009",
            "Blackpool",
        ),
        (
            "Children's Services Overview and Scrutiny Committee\nBCP Council\n"
            + FILLER
            + "Bournemouth, Christchurch and Poole ... BCP ... Hampshire once ... BCP again. "
            + "Bournemouth, Christchurch and Poole.",
            "E06000058",
            "BCP Council",
        ),
        ("From: jane.doe@bradford.gov.uk\n" + FILLER, "E08000032", "jane.doe@bradford.gov.uk"),
        ("Report to Cabinet\nBwD\n" + FILLER + "Lancashire.", "E06000008", "BwD"),
    ],
)
def test_resolve_council(text, gss, quote):
    found = resolve_council(text)
    assert found is not None
    assert (found.council.gss_code, found.quote) == (gss, quote)
    assert 0.5 <= found.score <= 1.0


def test_resolve_prefers_many_mentions_over_one_in_passing():
    text = (
        "Corporate Parenting Board\n"
        + FILLER
        + "Unlike Hampshire, Bournemouth, Christchurch and Poole has ... "
        + "BCP Council will ... BCP's plan ... " * 5
    )
    found = resolve_council(text)
    assert found is not None
    assert found.council.name == "Bournemouth, Christchurch and Poole"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "the Council",
        "Report of the Council. The Council agreed the budget.",
        "Kent and Medway partnership",  # a tie is not clear
        FILLER + "Leeds",  # one mention in passing is too little evidence
    ],
)
def test_resolve_council_none(text):
    assert resolve_council(text) is None


def test_resolve_score_reflects_dominance():
    one_sided = resolve_council("Blackpool Council\n" + FILLER + "Blackpool")
    contested = resolve_council("Blackpool Council\n" + FILLER + "Halton Halton Blackpool")
    assert one_sided is not None and contested is not None
    assert one_sided.score == 1.0
    assert contested.score < one_sided.score
    assert resolve_council("Blackpool Council\n" + FILLER + "Halton Halton", min_score=0.9) is None


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALL_SURFACES))
def test_every_name_and_alias_resolves_to_its_own_council(item):
    gss, surface = item
    assert lookup_council(surface).gss_code == gss
    mentions = find_council_mentions(surface)
    assert [(m.council.gss_code, m.quote) for m in mentions] == [(gss, surface)]


VERB_LIKE_NAMES = {"Reading", "Bury"}


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ALL_SURFACES),
    st.sampled_from(["", "In ", "Report of ", "(", "Dear colleague,\n"]),
    st.sampled_from(["", ".", " said", "'s plan", ")", ", and others"]),
)
def test_surfaces_are_found_in_context(item, before, after):
    gss, surface = item
    # "Reading said ..." opening a sentence reads as the verb, by design (see councils.py).
    assume(not (surface in VERB_LIKE_NAMES and after == " said"))
    text = before + surface + after
    mentions = find_council_mentions(text)
    assert [(m.council.gss_code, m.start) for m in mentions] == [(gss, len(before))]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([c for c in load_councils() if c.domain not in SHARED_DOMAINS]))
def test_every_domain_resolves(council):
    expected = "E06000058" if council.gss_code == "E06000029" else council.gss_code  # Poole->BCP
    assert lookup_council(f"someone@{council.domain}").gss_code == expected
    mentions = find_council_mentions(f"Contact someone@{council.domain} today")
    assert [m.council.gss_code for m in mentions] == [expected]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("abcdBCKPwDRy .,@-'\n")), max_size=200)
    | st.lists(
        st.sampled_from([s for _, s in ALL_SURFACES] + ["the", "and", "-", ","]), max_size=30
    ).map(" ".join)
)
def test_mentions_are_ordered_disjoint_and_quote_the_text(text):
    mentions = find_council_mentions(text)
    last_end = 0
    for m in mentions:
        assert last_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.quote
        last_end = m.end
    resolved = resolve_council(text)
    assert resolved is None or 0.0 <= resolved.score <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_SURFACES))
def test_lower_case_abbreviations_and_single_words_do_not_fire(item):
    """BwD, KCC, Bury, Reading: only as written (or in capitals), never as lower-case words."""
    _, surface = item
    if " " in surface or "-" in surface or surface == surface.lower():
        return
    assert find_council_mentions(surface.lower()) == []


def test_every_name_and_alias_resolves_exhaustively():
    """The property above, over the whole table rather than a sample."""
    wrong = []
    for gss, surface in ALL_SURFACES:
        found = lookup_council(surface)
        mentions = [(m.council.gss_code, m.quote) for m in find_council_mentions(surface)]
        if found is None or found.gss_code != gss or mentions != [(gss, surface)]:
            wrong.append((gss, surface, found and found.gss_code, mentions))
    assert not wrong


def token_starts_the_plain_way(low: str, wanted: frozenset[bytes]) -> list[int]:
    """Starts of the `\\w+` runs of `low` that are in `wanted`: what `_token_starts` gives."""
    return [m.start() for m in re.finditer(r"\w+", low) if m.group().encode() in wanted]


WORD_PARTS = [
    "bury",
    "bur",
    "burys",
    "b",
    "bolton",
    "st",
    "city",
    "-",
    " ",
    ".",
    "@",
    "_",
    "9",
    "\u00e9",
    "\n",
    "north",
    "northumberland",
    "\u00a0",
    "x",
    "\u00b2",
    "\u2013",
    "?",
    "\t",
]


def test_spaced_words_keeps_exactly_the_ascii_word_characters():
    for byte in range(256):
        is_word = re.fullmatch(rb"\w", bytes([byte])) is not None
        assert councils._SPACED_WORDS[byte] == (byte if is_word else ord(" "))


@given(st.lists(st.sampled_from(WORD_PARTS), max_size=14))
def test_token_starts_finds_the_whole_listed_words(parts):
    idx = councils._index()
    low = "".join(parts)
    expected = token_starts_the_plain_way(low, idx.first_words)
    assert councils._token_starts(low, idx.first_words) == expected


def test_token_starts_on_the_seed_papers():
    idx = councils._index()
    for path in sorted(SEEDS.glob("*.txt")):
        low = path.read_text(encoding="utf-8").lower()
        expected = token_starts_the_plain_way(low, idx.first_words)
        assert councils._token_starts(low, idx.first_words) == expected


def test_a_span_with_its_folded_text_changes_nothing():
    for text in TRICKY + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]:
        span = Span(text, folded(text))
        assert find_council_mentions(span) == find_council_mentions(text)
        assert resolve_council(span) == resolve_council(text)
        plain = Span(text, None)  # the plain way, as for a text `folded` refuses
        assert find_council_mentions(plain) == find_council_mentions(text)


@pytest.mark.parametrize(
    ("path", "council"),
    [
        ("pages/democracy.leics.gov.uk_ai_id61323.txt", "Leicestershire"),
        ("barnsleymbc.moderngov.co.uk_ai_id1.txt", "Barnsley"),
        ("mycouncil.surreycc.gov.uk_docs_cid1.txt", "Surrey"),
        ("democracy.towerhamlets.gov.uk_ai_id2.txt", "Tower Hamlets"),
        ("iow.moderngov.co.uk_ai_id3.txt", "Isle of Wight"),
        ("sthelens.gov.uk-443_published-decisions_id1.txt", "St. Helens"),
        ("ofsted-reports/80443_bury/report.pdf", "Bury"),
        ("kent-council-papers/cabinet/2025-01-29/x.pdf", "Kent"),
        ("papers/reading-list/notes.txt", None),
        ("corpus/papers/minutes of the cabinet.txt", None),
    ],
)
def test_council_from_path(path, council):
    found = council_from_path(path)
    assert (found.name if found else None) == council
