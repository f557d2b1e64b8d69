"""The per-document store: what `load` returns for the documents a run lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportmine.batch.process import process_file
from reportmine.output.outcome import DocOutcome
from reportmine.output.store import Store
from reportmine.output.writer import TABLES

SEEDS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "papers" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def outcomes() -> list[DocOutcome]:
    return [DocOutcome.from_result(process_file(path)) for path in SEEDS[:3]]


def _doc_ids(tables) -> dict[str, set[str]]:
    return {t: set(tables[t].column("doc_id").to_pylist()) for t in TABLES}


def _check_load(store: Store, outcomes: list[DocOutcome]) -> None:
    every = {o.doc_id for o in outcomes}
    wanted = {outcomes[0].doc_id, outcomes[2].doc_id}
    loaded = store.load({o.cache_key for o in outcomes if o.doc_id in wanted})
    for table, ids in _doc_ids(loaded).items():
        assert ids <= wanted, table
    assert _doc_ids(loaded)["documents"] == wanted
    assert loaded["findings"].num_rows == sum(
        o.n_rows("findings") for o in outcomes if o.doc_id in wanted
    )
    assert _doc_ids(store.load({o.cache_key for o in outcomes}))["documents"] == every


def test_load_keeps_only_the_wanted_documents_of_a_segment(tmp_path, outcomes):
    """A segment holding documents a run no longer lists (a file changed or removed)
    gives only the wanted ones' rows, from memory or read back from disk."""
    with Store(tmp_path) as store:
        for outcome in outcomes:
            store.add(outcome)
        store.flush()
        _check_load(store, outcomes)
    with Store(tmp_path) as store:
        _check_load(store, outcomes)
