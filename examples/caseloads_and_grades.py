# %% [markdown]
# # Which councils report average caseloads above 20, and how were they last inspected?
#
# Council papers state social workers' average caseloads ("caseloads have reduced from an
# average of 24 to 22"). This takes every caseload figure from a run's output, keeps each
# council's latest paper that states one, and lists the councils where a figure in it is
# above 20 cases per worker, beside their latest inspection and its grade, with the quote
# each number comes from.
#
# Run `reportmine run PAPERS -o out` first. As a script:
# `REPORTMINE_OUT=out python examples/caseloads_and_grades.py`; as a notebook, open
# `caseloads_and_grades.ipynb` (both read the folder named by REPORTMINE_OUT, else `out`).

# %%
import os
from pathlib import Path

import pandas as pd

import reportmine as rm

OUT_DIR = Path(os.environ.get("REPORTMINE_OUT", "out"))
THRESHOLD = 20  # cases per social worker
pd.set_option("display.max_colwidth", 80)

tables = rm.load(OUT_DIR)
tables

# %% [markdown]
# Every stated caseload (targets such as "we aspire to 15" left out), with the council and
# meeting date of the paper it was read from.

# %%
metrics = tables.joined("metrics")
caseloads = metrics[(metrics["metric"] == "caseload") & ~metrics["is_target"].fillna(False)]
caseloads[["council", "meeting_date", "value", "subject", "page", "quote"]]

# %% [markdown]
# Each council's latest dated paper that states caseloads, and the highest figure in it.
# Papers without a meeting date cannot be placed in time and are left out.

# %%
latest_date = caseloads.groupby("council", observed=True)["meeting_date"].transform("max")
latest = caseloads[caseloads["meeting_date"] == latest_date]
highest = latest.sort_values("value", ascending=False, kind="stable").drop_duplicates("council")
above = highest[highest["value"] > THRESHOLD].set_index("council")

# %% [markdown]
# Their latest inspection and grades, from the per-council summary.

# %%
inspections = rm.council_summary(tables).set_index("council")[
    ["inspection_type", "inspection_date", "judgement"]
]
answer = above[["value", "meeting_date", "quote"]].rename(
    columns={"value": "caseload", "meeting_date": "stated_on"}
).join(inspections)
print(f"Councils whose latest paper states a caseload above {THRESHOLD}: {len(answer)}")
print(answer.to_string())
