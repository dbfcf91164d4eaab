# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # kronika from a notebook
#
# Analyze articles, look at their events as a table, keep many in a store and ask it questions.
# This file is a notebook in jupytext's percent format: open it in Jupyter (with jupytext) or run
# it as a script (`python examples/notebook.py`); the test suite runs it.

# %%
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

import kronika

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path.cwd()
SAMPLES = HERE.parent / "samples"
WORK = Path(os.environ.get("KRONIKA_EXAMPLE_DIR") or tempfile.mkdtemp())
WORK.mkdir(parents=True, exist_ok=True)
print([n for n in dir(kronika) if not n.startswith("_")])

# %% [markdown]
# ## One article

# %%
text = (SAMPLES / "2022-01-kazakhstan-csto.txt").read_text(encoding="utf-8")
rec = kronika.analyze(text, published="2022-01-07", title="CSTO troops in Kazakhstan", url="https://example.org/csto")
print(rec.metadata.title, rec.metadata.published, len(rec.events), "events")
events = rec.events.to_pandas()
events[["event_date", "event_type", "actor_name", "recipient_name", "location_name", "factual"]].head(10)

# %%
rec.entities.to_pandas()[["name", "type", "country", "sector"]].head(10)

# %% [markdown]
# ## Many articles, streamed, into a store

# %%
store = kronika.open_store(WORK / "kronika.db")
report = store.ingest(kronika.analyze_many([SAMPLES / "2022-01-kazakhstan-csto.txt", SAMPLES / "corpus-2023.jsonl"]))
print(report)
store.stats()

# %%
timeline = store.timeline(actor="KAZ", limit=None)
frame = timeline.to_pandas()  # the same columns as events.parquet from `kronika export` and `kronika batch`
frame["event_date"] = pd.to_datetime(frame["event_date"])
frame.groupby([frame.event_date.dt.to_period("M"), "quad_name"]).size().unstack(fill_value=0)

# %%
store.actors(top=10).to_pandas()[["name", "country", "articles", "events"]]

# %% [markdown]
# Events told as not having happened (negated, denied, hypothetical, expected) are left out of every
# count unless asked for:

# %%
everything = store.events(factual="all", limit=None)
print(len(timeline), "events about Kazakhstan that happened;", len(everything), "events in all, any status")

# %% [markdown]
# ## The export, read back

# %%
from kronika.export import export  # noqa: E402

files = export(store, "parquet", WORK / "export")
exported = pd.read_parquet(WORK / "export" / "events.parquet")
exported[["event_date", "date_precision", "event_type", "cameo_code", "plover_score", "source_count"]].head()

# %%
store.close()
print("done", file=sys.stderr)
