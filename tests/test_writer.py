from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq

from reportmine.core.models import InspectionRecord
from reportmine.output.writer import TABLES, arrow_allocator, write_table
from reportmine.pipeline import run_batch


def test_empty_table_keeps_columns_and_types(tmp_path):
    for table in TABLES:
        path = write_table(table, [], tmp_path)
        read = pq.read_table(path)
        assert read.num_rows == 0
        assert "doc_id" in read.schema.names
    schema = pq.read_schema(tmp_path / "inspections.parquet")
    assert schema.field("start_date").type == pa.date32()
    assert schema.field("inspectors").type == pa.list_(pa.string())
    assert schema.metadata[b"schema_version"]
    assert schema.metadata[b"pipeline_version"]


def test_rows_round_trip_with_dates_and_lists(tmp_path):
    row = InspectionRecord(
        doc_id="abc",
        quote="q",
        char_start=0,
        char_end=1,
        inspection_type="focused_visit",
        start_date=date(2020, 2, 19),
        inspectors=["A B", "C D"],
    )
    write_table("inspections", [row], tmp_path)
    df = pq.read_table(tmp_path / "inspections.parquet").to_pandas()
    assert df.start_date[0] == date(2020, 2, 19)
    assert list(df.inspectors[0]) == ["A B", "C D"]
    assert not list(tmp_path.glob("*.tmp"))  # written atomically, no temp left behind


def test_arrow_allocates_from_the_system_pool_inside_and_the_default_comes_back(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool().backend_name
    with arrow_allocator():
        assert pa.default_memory_pool().backend_name == "system"
        built = pa.array(["kept after the pool changes back"])
    assert pa.default_memory_pool().backend_name == before
    assert built.to_pylist() == ["kept after the pool changes back"]


def test_a_pool_the_user_chose_is_left_alone(monkeypatch):
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    before = pa.default_memory_pool().backend_name
    with arrow_allocator():
        assert pa.default_memory_pool().backend_name == before


def test_a_run_builds_its_tables_from_the_system_pool_and_restores_the_default(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "paper.txt").write_text("Caseloads average 18 per social worker.\n")
    before = pa.default_memory_pool().backend_name
    seen = []
    run_batch(
        tmp_path / "in",
        tmp_path / "out",
        workers=0,
        on_progress=lambda _: seen.append(pa.default_memory_pool().backend_name),
    )
    assert seen == ["system"]
    assert pa.default_memory_pool().backend_name == before


def test_published_tables_follow_the_umask(tmp_path):
    """Issue 18: tables were published with mode 0600, from `mkstemp`, whatever the
    user's umask."""
    import os
    import stat

    src = tmp_path / "in"
    src.mkdir()
    (src / "paper.txt").write_text("Caseloads average 18 per social worker.")
    previous = os.umask(0o002)
    try:
        run_batch(src, tmp_path / "out", workers=0)
    finally:
        os.umask(previous)
    modes = {stat.S_IMODE((tmp_path / "out" / f"{t}.parquet").stat().st_mode) for t in TABLES}
    assert modes == {0o664}
