"""What a document sends back: its rows by column, each value the record's own."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from reportmine.batch.process import process_file
from reportmine.core.models import TABLES
from reportmine.output.outcome import DocOutcome
from reportmine.output.writer import columns_to_table, rows_to_table

SEED = sorted((Path(__file__).resolve().parents[1] / "corpus" / "papers" / "seeds").glob("*.txt"))[
    0
]


@pytest.fixture(scope="module")
def result():
    return process_file(SEED)


def test_columns_hold_every_field_of_every_row_in_order(result):
    outcome = DocOutcome.from_result(result)
    for table in TABLES:
        rows = [r.model_dump() for r in result.rows(table)]
        assert outcome.n_rows(table) == len(rows), table
        if not rows:
            assert table not in outcome.columns
            continue
        by_row = [
            dict(zip(outcome.columns[table], v, strict=True))
            for v in zip(*outcome.columns[table].values(), strict=True)
        ]
        assert by_row == rows, table


def test_columns_make_the_table_the_rows_make(result):
    outcome = pickle.loads(pickle.dumps(DocOutcome.from_result(result)))
    for table in TABLES:
        from_rows = rows_to_table(table, result.rows(table))
        from_columns = columns_to_table(table, [outcome.columns.get(table, {})])
        assert from_columns.equals(from_rows), table


def test_a_finding_text_equal_to_its_quote_is_pickled_once(result):
    """Equal strings become one object, so the outcome the parent unpickles is smaller."""
    outcome = DocOutcome.from_result(result)
    findings = outcome.columns["findings"]
    pairs = zip(findings["text"], findings["quote"], strict=True)
    same = [i for i, (text, quote) in enumerate(pairs) if text == quote]
    assert same
    assert all(findings["text"][i] is findings["quote"][i] for i in same)
    unshared = DocOutcome.from_result(result)
    unshared.columns["findings"]["text"] = [t[:1] + t[1:] for t in findings["text"]]
    assert len(pickle.dumps(outcome)) < len(pickle.dumps(unshared))
