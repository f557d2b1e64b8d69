"""Scoring reportmine's output against gold annotations (`reportmine eval`).

`evaluate(gold_dirs, out_dir)` is the library entry point; the CLI in `cli.py` only
parses arguments and prints. The tables scored are the record tables of `core.models`,
each by its spec in `tables.py` or generically; the rule for which tables are scored per
gold document is in `scope.py`; the contract's matching rules are in `matching.py`.
"""

from reportmine.evaluation.api import evaluate
from reportmine.evaluation.scores import EvalReport

__all__ = ["EvalReport", "evaluate"]
