#!/usr/bin/env python3
"""What a user would otherwise write: the same counts as slant-report's tables, in pandas (no intervals, no
actor merging, no evidence, no page): read slant-score JSONL, leaning and frame counts per source, and the
portrayal counts of each actor name per source. Run by Benchmarks/report/run.py with the Python it is given
(a virtual environment with pandas): prints the wall time of reading and of aggregating.

Usage: pandas_peer.py SCORED.jsonl
"""
import sys, time
import pandas as pd

t0 = time.perf_counter()
df = pd.read_json(sys.argv[1], lines=True)
t1 = time.perf_counter()
leaning = df["leaning"].map(lambda h: h.get("label") if isinstance(h, dict) else None)
lean = pd.crosstab(df["source"], leaning)
frames = df[["source", "frames"]].assign(frame=df["frames"].map(lambda h: h.get("labels", []) if isinstance(h, dict) else []))
frame_counts = frames.explode("frame").groupby(["source", "frame"]).size()
actors = df[["source", "actors"]].explode("actors").dropna(subset=["actors"])
actors = actors.assign(name=actors["actors"].map(lambda a: a["name"]), label=actors["actors"].map(lambda a: a["label"]))
portrayal = actors.groupby(["name", "source", "label"]).size().unstack(fill_value=0)
top = actors["name"].value_counts().head(20).index
table = portrayal.loc[portrayal.index.get_level_values(0).isin(top)]
t2 = time.perf_counter()
print(f"read {t1 - t0:.3f} s, aggregate {t2 - t1:.3f} s, total {t2 - t0:.3f} s ({len(df)} records, {len(table)} actor-source rows)")
