"""Peer CSV conversion, overrides, and the field-by-field comparison with a run."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from reportmine.evaluation import evaluate
from reportmine.evaluation.peer import (
    FIELDS,
    PeerError,
    apply_overrides,
    convert_date,
    convert_framework,
    convert_grade,
    convert_row,
    load_overrides,
    load_peer,
)
from tests.conftest import REPO, SHARED
from tests.evaluation.helpers import doc, inspection, write_run

PEER_HEADER = [
    "pdf_path", "urn", "local_authority", "inspection_link", "pdf_filename", "publication_date",
    "inspection_framework", "inspector_name", "inspection_start_date", "inspection_end_date",
    "overall_effectiveness_grade", "impact_of_leaders_grade", "help_and_protection_grade",
    "in_care_grade", "care_leavers_grade", "parser_version",
]
ILACS = ["80001_a/report - 07 january 2019.pdf", "1", "a", "", "", "07/01/19", "standard",
         "Tracey Scott", "19/11/2018", "30/11/2018", "good", "good", "requires improvement",
         "good", "inspection_pre_dates_judgement", "1"]
SIF = ["80002_b/report - 08 december 2017.pdf", "2", "b", "", "", "08/12/17", "", "", "", "",
       "", "data_unreadable", "data_unreadable", "data_unreadable", "data_unreadable", "1"]
TWO_BLOCKS = ["80003_c/report - 19 september 2019.pdf", "3", "c", "", "", "19/09/19", "short",
              "Julie Knight", "08/07/2019", "12/07/2019", "requires improvement", "good",
              "requires improvement", "requires improvement", "inspection_pre_dates_judgement",
              "1"]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("good", "good"),
        ("requires improvement", "requires_improvement"),
        ("Requires  Improvement", "requires_improvement"),
        ("inadequate", "inadequate"),
        ("outstanding", "outstanding"),
        ("", None),
        ("  ", None),
        ("data_unreadable", None),
        ("inspection_pre_dates_judgement", None),
    ],
)
def test_convert_grade(raw, expected):
    assert convert_grade(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("19/11/2018", "2018-11-19"),
        ("01/04/2022", "2022-04-01"),  # day first, not month first
        ("7/1/2019", "2019-01-07"),
        ("07/01/19", "2019-01-07"),
        ("", None),
        ("data_unreadable", None),
    ],
)
def test_convert_date(raw, expected):
    assert convert_date(raw) == expected


def test_convert_date_rejects_other_formats():
    with pytest.raises(PeerError):
        convert_date("2018-11-19")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("standard", "ilacs_standard"), ("short", "ilacs_short"), ("", None)],
)
def test_convert_framework(raw, expected):
    assert convert_framework(raw) == expected


def test_convert_row_ignores_publication_date():
    row = convert_row(dict(zip(PEER_HEADER, ILACS, strict=True)))
    assert row == {
        "inspection_type": "ilacs_standard",
        "start_date": "2018-11-19",
        "end_date": "2018-11-30",
        "lead_inspector": "Tracey Scott",
        "judgement": "good",
        "judgement_leaders": "good",
        "judgement_help_protection": "requires_improvement",
        "judgement_in_care": "good",
        "judgement_care_leavers": None,
    }
    assert "2019-01-07" not in row.values()  # the file-name date is not a published date
    blank = convert_row(dict(zip(PEER_HEADER, SIF, strict=True)))
    assert set(blank.values()) == {None}


@pytest.fixture
def peer_csv(tmp_path):
    return write_csv(tmp_path / "peer_extraction.csv", PEER_HEADER, [ILACS, SIF, TWO_BLOCKS])


@pytest.fixture
def overrides_csv(tmp_path):
    return write_csv(tmp_path / "overrides.csv", ["pdf_path", "field", "value", "reason"], [
        [SIF[0], "inspection_type", "sif", "SIF format; peer read nothing"],
        [SIF[0], "judgement", "good", "page-1 grade table"],
        [TWO_BLOCKS[0], "end_date", "2019-08-08", "second fieldwork block"],
        [TWO_BLOCKS[0], "judgement_care_leavers", "requires_improvement", "combined grade"],
        ["80999_x/missing.pdf", "judgement", "good", "not in the CSV"],
    ])


def test_overrides_apply_on_top_of_peer(peer_csv, overrides_csv):
    rows = load_peer(peer_csv)
    unknown = apply_overrides(rows, load_overrides(overrides_csv))
    assert unknown == ["80999_x/missing.pdf"]
    by_path = {r.pdf_path: r for r in rows}
    sif, two = by_path[SIF[0]], by_path[TWO_BLOCKS[0]]
    assert (sif.values["inspection_type"], sif.values["judgement"]) == ("sif", "good")
    assert sif.peer_values["judgement"] is None  # the peer's own value is kept alongside
    assert two.values["end_date"] == "2019-08-08" and two.peer_values["end_date"] == "2019-07-12"
    assert two.reasons["end_date"] == "second fieldwork block"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["a.pdf", "grade", "good", "why"], "unknown field"),
        (["a.pdf", "judgement", "good", ""], "reason"),
        (["a.pdf", "end_date", "08/08/2019", "why"], "YYYY-MM-DD"),
    ],
)
def test_bad_overrides_are_rejected(tmp_path, row, message):
    path = write_csv(tmp_path / "o.csv", ["pdf_path", "field", "value", "reason"], [row])
    with pytest.raises(PeerError, match=message):
        load_overrides(path)


def test_compare_with_run(tmp_path, peer_csv, overrides_csv):
    out = write_run(
        tmp_path / "out",
        [
            doc("a", "ofsted-reports/" + ILACS[0]),
            doc("b", "ofsted-reports/" + SIF[0]),
            doc("c", "ofsted-reports/" + TWO_BLOCKS[0]),
        ],
        [
            inspection("a", "ilacs_standard", date(2018, 11, 19), date(2018, 11, 30),
                       lead_inspector="Tracey Scott", judgement="good", judgement_leaders="good",
                       judgement_help_protection="good", judgement_in_care="good",
                       judgement_care_leavers="good"),
            # an earlier inspection the report mentions: not the one compared
            inspection("a", "ilacs", None, None),
            inspection("b", "sif", date(2017, 9, 25), date(2017, 10, 19), judgement="good"),
            inspection("c", "ilacs_short", date(2019, 7, 8), date(2019, 7, 12),
                       judgement="requires_improvement"),
        ],
    )
    report = evaluate([], out, peer_csv=peer_csv, peer_overrides=overrides_csv)
    peer = report.peer
    assert (peer.n_rows, peer.n_in_run) == (3, 3)
    f = peer.fields
    assert (f["inspection_type"].compared, f["inspection_type"].agree) == (3, 3)
    # help_protection: row a conflicts (peer requires improvement, we good); row c we lack
    hp = f["judgement_help_protection"]
    assert (hp.compared, hp.agree, hp.conflict, hp.ours_blank) == (2, 0, 1, 1)
    # end date of the two-block inspection: the override (2019-08-08) is what we compare with
    assert (f["end_date"].compared, f["end_date"].agree) == (2, 1)
    # care leavers: blank in the ILACS row, we give a value -> recovered, not compared
    assert f["judgement_care_leavers"].recovered == 1
    assert f["judgement_care_leavers"].compared == 1  # only the override for row c
    assert f["judgement_care_leavers"].ours_blank == 1
    # the SIF row: start date blank in the peer and not overridden -> recovered by us
    assert f["start_date"].recovered == 1 and f["start_date"].compared == 2
    # the SIF row's overall grade: the peer had none, we give one, an override confirms it
    assert (f["judgement"].peer_blank, f["judgement"].recovered,
            f["judgement"].recovered_verified) == (1, 1, 1)
    conflicts = {(d.file, d.field, d.peer, d.ours, d.overridden)
                 for d in peer.disagreements if d.kind == "conflict"}
    assert conflicts == {
        (ILACS[0], "judgement_help_protection", "requires_improvement", "good", False),
        (TWO_BLOCKS[0], "end_date", "2019-08-08", "2019-07-12", True),
    }
    assert set(FIELDS) == set(f)


def test_peer_not_in_run_and_discovery(tmp_path, peer_csv):
    gold = tmp_path / "gold"
    gold.mkdir()
    out = write_run(tmp_path / "out", [doc("a", ILACS[0])], [])
    report = evaluate([gold], out, peer_csv=peer_csv, peer_overrides=None)
    assert report.peer.n_in_run == 1 and len(report.peer.not_in_run) == 2
    assert report.peer.no_inspection == [ILACS[0]]
    # found by itself beside an `ofsted-reports/gold`-style folder
    assert evaluate([tmp_path / "gold"], out).peer.csv_path == str(peer_csv)
    assert evaluate([tmp_path / "gold"], out, find_peer=False).peer is None


PROJECT_OVERRIDES = REPO / "corpus" / "gold" / "overrides" / "peer_overrides.csv"


def test_project_overrides_are_valid():
    overrides = load_overrides(PROJECT_OVERRIDES)
    assert overrides and all(o.reason for o in overrides)
    assert len({(o.pdf_path, o.field) for o in overrides}) == len(overrides)


@pytest.mark.skipif(not (SHARED / "ofsted-reports").is_dir(), reason="../shared is absent")
def test_project_overrides_name_files_of_the_peer_csv():
    rows = load_peer(SHARED / "ofsted-reports" / "peer_extraction.csv")
    assert apply_overrides(rows, load_overrides(PROJECT_OVERRIDES)) == []


def test_post_reform_report_agrees_only_by_giving_no_overall_grade(tmp_path):
    """The peer marks a post-April-2026 report's overall grade `not_reported_post_reform`:
    a run that gives one (read from the previous inspection's sentence) disagrees."""
    reform = ["80004_d/report - 07 july 2026.pdf", "4", "d", "", "", "07/07/26", "standard",
              "Ann Bee", "11/05/2026", "22/05/2026", "not_reported_post_reform", "good",
              "good", "good", "good", "1"]
    graded = [*reform]
    graded[0] = "80005_e/report - 04 august 2026.pdf"
    peer_csv = write_csv(tmp_path / "peer.csv", PEER_HEADER, [reform, graded])
    out = write_run(
        tmp_path / "out",
        [doc("d", "ofsted-reports/" + reform[0]), doc("e", "ofsted-reports/" + graded[0])],
        [
            inspection("d", "ilacs_standard", date(2026, 5, 11), date(2026, 5, 22)),
            inspection("e", "ilacs_standard", date(2026, 5, 11), date(2026, 5, 22),
                       judgement="inadequate"),
        ],
    )
    report = evaluate([], out, peer_csv=peer_csv, find_peer=False)
    judgement = report.peer.fields["judgement"]
    assert (judgement.compared, judgement.agree, judgement.conflict) == (2, 1, 1)
