"""`rm.load`, `rm.extract` and `rm.tables`: typed frames and joined views."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import reportmine as rm
from reportmine.core.models import TABLES, Grade, MetricName
from reportmine.output.frames import DOCUMENT_CONTEXT, RECORD_TABLES, OutputError, vocabulary
from tests.conftest import CORPUS

SEED = CORPUS / "seeds" / "003_a34c8c92c159d15d.txt"


def test_every_table_loads_with_the_models_dtypes(corpus_out):
    t = rm.load(corpus_out)
    assert list(t) == list(TABLES)
    metrics, docs, inspections = t.metrics, t.documents, t["inspections"]
    assert len(metrics) == 36 and len(docs) == 7
    assert list(metrics["metric"].cat.categories) == list(vocabulary(MetricName))
    assert list(inspections["judgement"].cat.categories) == list(vocabulary(Grade))
    assert pd.api.types.is_datetime64_any_dtype(docs["meeting_date"])
    assert pd.api.types.is_datetime64_any_dtype(inspections["start_date"])
    assert str(metrics["page"].dtype) == "Int64"  # nullable: text papers have no pages
    assert metrics["page"].isna().any() and metrics["page"].notna().any()
    assert str(metrics["is_target"].dtype) == "boolean"
    assert pd.Timestamp("2022-06-09") in set(docs["meeting_date"])


def test_partitioned_output_loads_the_same_frames(corpus_out, partitioned_out):
    assert (partitioned_out / "metrics").is_dir()
    assert len(list((partitioned_out / "metrics").glob("part-*.parquet"))) == 3
    single, parts = rm.load(corpus_out), rm.load(partitioned_out)
    for table in TABLES:
        pd.testing.assert_frame_equal(single[table], parts[table])
    pd.testing.assert_frame_equal(single.joined("metrics"), parts.joined("metrics"))


def test_empty_output_has_typed_empty_frames(empty_out, corpus_out):
    t, full = rm.load(empty_out), rm.load(corpus_out)
    for table in TABLES:
        assert len(t[table]) == 0
        assert t[table].dtypes.to_dict() == full[table].dtypes.to_dict()
    assert len(t.joined("actions")) == 0
    assert list(t.joined("actions").columns) == list(full.joined("actions").columns)


@pytest.mark.parametrize("table", RECORD_TABLES)
def test_joined_view_puts_each_record_beside_its_documents_context(corpus_out, table):
    t = rm.load(corpus_out)
    joined, records, docs = t.joined(table), t[table], t.documents
    assert len(joined) == len(records)
    assert list(joined.columns[1:1 + len(DOCUMENT_CONTEXT)]) == list(DOCUMENT_CONTEXT)
    by_id = docs.set_index("doc_id")
    for row in joined.head(5).itertuples():
        assert row.council == by_id.loc[row.doc_id, "council"]
        assert row.source_path == by_id.loc[row.doc_id, "source_path"]
    pd.testing.assert_frame_equal(joined[list(records.columns)], records)


def test_joined_view_keeps_one_row_per_record_when_a_file_has_two_paths(tmp_path):
    from tests.evaluation.helpers import doc, metric, write_run

    out = write_run(tmp_path / "out", [doc("d1", "a/x.txt", council="Kent"),
                                       doc("d1", "b/x.txt", council="Medway")],
                    [metric("d1", 5.0), metric("d1", 5.0)])
    joined = rm.load(out).joined("metrics")
    assert list(joined["council"]) == ["Kent", "Kent"]


def test_values_outside_a_vocabulary_are_kept_not_nulled(tmp_path):
    import pyarrow.parquet as pq

    from tests.evaluation.helpers import doc, metric, write_run

    out = write_run(tmp_path / "out", [doc("d1", "x.txt")], [metric("d1", 1.0)])
    table = pq.read_table(out / "metrics.parquet")
    index = table.schema.get_field_index("metric")
    pq.write_table(table.set_column(index, "metric", [["retired_name"]]), out / "metrics.parquet")
    assert rm.load(out).metrics["metric"].tolist() == ["retired_name"]


def test_polars_backend_gives_enums_and_dates(corpus_out, partitioned_out):
    pl = pytest.importorskip("polars")
    t = rm.load(partitioned_out, backend="polars")
    joined = t.joined("inspections")
    assert isinstance(joined, pl.DataFrame)
    assert joined.schema["judgement"] == pl.Enum(list(vocabulary(Grade)))
    assert joined.schema["meeting_date"] == pl.Date
    assert joined.height == len(rm.load(corpus_out).inspections)


def test_missing_or_foreign_folder_is_a_clear_error(tmp_path):
    with pytest.raises(OutputError, match="not found"):
        rm.load(tmp_path / "nope")
    with pytest.raises(OutputError, match="no documents table"):
        rm.load(tmp_path)
    with pytest.raises(ValueError, match="backend"):
        rm.load(tmp_path, backend="spark")


def test_extract_a_file_and_a_text_in_memory():
    from_file = rm.extract(SEED)
    assert from_file.document.council == "Blackburn with Darwen"
    assert 906000.0 in [m.value for m in from_file.records["metrics"]]
    assert rm.extract(str(SEED)).document.doc_id == from_file.document.doc_id

    text = ("The average caseload is 23 cases per social worker. "
            "Agency staff make up 31% of the workforce.")
    result = rm.extract(text, name="kent/2023-05-04/report.txt")
    assert result.document.council == "Kent" and result.document.meeting_date == date(2023, 5, 4)
    assert [(m.metric, m.value) for m in result.records["metrics"]] == [
        ("caseload", 23.0), ("agency_rate", 31.0)]
    quote = result.records["metrics"][0].quote
    assert text[result.records["metrics"][0].char_start:][: len(quote)] == quote

    frames = rm.tables(result).joined("metrics")
    assert frames["council"].tolist() == ["Kent", "Kent"]
    assert str(frames["metric"].dtype) == "category"


def test_extract_empty_text_is_a_failed_document_not_an_exception():
    result = rm.extract("   \n")
    assert result.document.status == "failed"
    assert [e.error_type for e in result.errors] == ["empty_file"]
    assert len(rm.tables(result).errors) == 1


def test_a_long_line_of_text_is_text_not_a_file_name():
    line = "The average caseload is 23 cases per social worker. " * 8
    result = rm.extract(line)
    assert (result.document.status, result.document.source_path) == ("ok", "text.txt")
    assert result.document.n_chars == len(line.strip())


def test_importing_reportmine_loads_no_pandas():
    import subprocess
    import sys

    code = "import sys, reportmine; print('pandas' in sys.modules, 'pyarrow' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parent)
    assert done.stdout.split() == ["False", "False"]
