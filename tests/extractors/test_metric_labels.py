"""A metric label is one record (`core.metric_labels`): the schema's list and every rule
that chooses a label read it."""

from __future__ import annotations

import subprocess
import sys
import typing

from reportmine.core.metric_labels import METRIC_LABELS, METRIC_NAMES
from reportmine.core.models import MetricName
from reportmine.extractors import metrics as M

# A new label added as one record, in a fresh interpreter: the schema accepts it and the
# extractor labels a count of its noun, a percentage near its words and a bare count after
# its subject with it.
_NEW_LABEL = """
import dataclasses
from reportmine.core import metric_labels as L
L.METRIC_LABELS = (
    L.MetricLabel(
        "re_referrals", "Re-referrals within 12 months.",
        count_nouns=r"re-referrals", percent_words=r"\\bre-referr", subject_words=r"re-referr",
    ),
    *L.METRIC_LABELS,
)
L.METRIC_NAMES = tuple(label.name for label in L.METRIC_LABELS)
from reportmine.core.document import Document
from reportmine.extractors.metrics import MetricExtractor
text = ("There were 40 re-referrals in May. The rate of re-referrals was 21% this year. "
        "Of the re-referrals, 12 were repeat cases of neglect.")
found = MetricExtractor().extract(Document("d", "x.txt", "txt", text))
print(sorted({(m.metric, m.value) for m in found}))
"""


def test_the_schema_lists_the_label_records():
    assert typing.get_args(MetricName) == METRIC_NAMES
    assert len(set(METRIC_NAMES)) == len(METRIC_NAMES)
    assert all(label.description for label in METRIC_LABELS)


def test_every_label_word_pattern_compiles_and_is_read_by_the_rules():
    nouns = {label for label in M.COUNT_NOUNS.values()}
    assert nouns == {lab.name for lab in METRIC_LABELS if lab.count_nouns}
    assert [name for name, _ in M.PERCENT_CONTEXT] == [
        lab.name for lab in METRIC_LABELS if lab.percent_words
    ]


def test_a_new_label_is_one_record(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", _NEW_LABEL], capture_output=True, text=True, check=True
    ).stdout
    assert "('re_referrals', 40.0)" in out
    assert "('re_referrals', 21.0)" in out
