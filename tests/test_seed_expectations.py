"""What the seed papers must yield (issue 2's acceptance list), on text and PDF copies."""

from __future__ import annotations

from datetime import date

import pytest


def _result(corpus_results, name):
    return corpus_results[name]


@pytest.mark.parametrize("name", ["seeds/000_8a4e7b8bd713e448.txt", "pdf/000_8a4e7b8bd713e448.pdf"])
def test_bwd_focused_visit_with_inspectors_and_caseloads(corpus_results, name):
    r = _result(corpus_results, name)
    visits = [i for i in r.records["inspections"] if i.inspection_type == "focused_visit"]
    assert len(visits) == 1
    visit = visits[0]
    assert (visit.start_date, visit.end_date) == (date(2020, 2, 19), date(2020, 2, 20))
    assert "Paula Thompson Jones" in [i.lead_inspector for i in r.records["inspections"]]
    inspectors = {n for i in r.records["inspections"] for n in i.inspectors}
    assert {"Paula Thompson Jones", "Kathryn Grindrod"} <= inspectors
    caseloads = {
        (m.previous_value, m.value) for m in r.records["metrics"] if m.metric == "caseload"
    }
    assert {(21.0, 18.0), (24.0, 22.0)} <= caseloads
    assert r.document.council == "Blackburn with Darwen"
    assert r.document.council_code == "E06000008"


def test_bcp_minutes(corpus_results):
    r = _result(corpus_results, "seeds/001_1b65184e27830452.txt")
    rates = {m.value for m in r.records["metrics"] if m.metric == "agency_rate"}
    assert 87.0 in rates
    points = [a for a in r.records["actions"] if a.kind == "action_point"]
    assert len(points) == 3
    assert all("ACTION" in a.quote for a in points)
    assert "inadequate" in {i.judgement for i in r.records["inspections"]}
    assert r.document.doc_kind == "minutes"
    assert r.document.council == "Bournemouth, Christchurch and Poole"


def test_blackpool_report(corpus_results):
    r = _result(corpus_results, "seeds/002_e530111136602889.txt")
    values = {(m.metric, m.value) for m in r.records["metrics"]}
    assert ("agency_rate", 22.0) in values
    assert ("money", 8_989_000.0) in values
    assert ("money", 4_300_000.0) in values
    assert r.document.meeting_date == date(2020, 1, 9)


@pytest.mark.parametrize("name", ["seeds/003_a34c8c92c159d15d.txt", "pdf/003_a34c8c92c159d15d.pdf"])
def test_bwd_decision_money(corpus_results, name):
    r = _result(corpus_results, name)
    money = [m for m in r.records["metrics"] if m.unit == "gbp"]
    assert {906_000.0, 923_000.0} <= {m.value for m in money}
    assert all(m.metric == "money" for m in money)
    ilacs = [i for i in r.records["inspections"] if i.inspection_type.startswith("ilacs")]
    assert ilacs and ilacs[0].start_date == date(2022, 1, 24)
    assert ilacs[0].end_date == date(2022, 2, 4)
    assert r.document.meeting_date == date(2022, 6, 9)


def test_bradford_monitoring_visit_and_earlier_inspection(corpus_results):
    r = _result(corpus_results, "seeds/004_0cbc73a4c4e832a0.txt")
    events = {(i.inspection_type, i.start_date) for i in r.records["inspections"]}
    assert ("monitoring_visit", date(2019, 3, 6)) in events
    assert any(start == date(2018, 9, 17) for _, start in events)
    assert not r.records["metrics"], [m.quote for m in r.records["metrics"]]
