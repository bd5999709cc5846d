#!/usr/bin/env python3
"""Scores a JSONL file with slant-score as a Spark stage (RDD.pipe), unchanged: the recipe of README's
"Corpora larger than one machine" section, runnable in local mode.

    score.py SLANT_SCORE MODEL INPUT.jsonl OUTPUT.jsonl [--master local[2]] [--partitions 4] [-- extra slant-score args]

Every input line goes to one partition; slant-score reads the partition's lines on stdin and writes one line per
record, in order; the output lines are collected into OUTPUT.jsonl (partition order, so input order). Prints the
wall time of the Spark job and its throughput on stderr.
"""
import argparse, os, shlex, sys, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary"); ap.add_argument("model"); ap.add_argument("input"); ap.add_argument("output")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4)
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master(a.master).appName("slant-score")
             .config("spark.ui.enabled", "false").config("spark.driver.memory", "1g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    start = time.perf_counter()
    lines = sc.textFile(os.path.abspath(a.input), minPartitions=a.partitions)
    # One slant-score process per partition; --threads 1: Spark runs the partitions in parallel.
    cmd = [os.path.abspath(a.binary), "--model", os.path.abspath(a.model), "--threads", "1"] + extra
    # checkCode: a slant-score that fails (bad input, a write error) fails the job instead of losing lines.
    scored = lines.pipe(" ".join(shlex.quote(c) for c in cmd), env={"LC_ALL": "C.UTF-8"}, checkCode=True)
    out = scored.collect()
    seconds = time.perf_counter() - start
    with open(a.output, "w", encoding="utf-8") as f:
        for line in out:
            f.write(line + "\n")
    size = os.path.getsize(a.input)
    print(f"spark {a.master}: {len(out)} lines in {seconds:.2f} s, {size / seconds / 1e6:.2f} MB/s", file=sys.stderr)
    spark.stop()

if __name__ == "__main__":
    main()
