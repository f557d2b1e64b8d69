"""The committed JSON Schema must be what the pydantic models generate."""

from reportmine.output.schema_export import schema_documents
from tests.conftest import REPO


def test_committed_schemas_match_models():
    for name, text in schema_documents().items():
        path = REPO / "schemas" / name
        assert path.is_file(), f"schemas/{name} missing: run `make schema`"
        assert path.read_text(encoding="utf-8") == text, (
            f"schemas/{name} is out of date with the models: run `make schema` and commit"
        )
