#!/usr/bin/env python3
"""Baseline for `cargo bench --bench check`: a plain Python script doing what
`nianbao check` does, on the same files.

For every *.yaml in DIR: read the file, parse it with PyYAML's libyaml loader (CLoader),
check its structure (known keys only, counts 0..999999999, amounts with at most 6 / 2
decimals), then run the rules of FORMAT.md §5 (N1 M1 B1 B2 B3 C1 T1 F1 X1, and S1 for missing
parts). Prints the time per report; the last line is `ms_per_report X` for the bench.

Usage: python3 benches/check_baseline.py DIR [ROUNDS]
Needs PyYAML built with libyaml (`pip install pyyaml`; `yaml.CLoader` must exist).
"""

import datetime
import glob
import os
import re
import statistics
import sys
import time

try:
    import yaml
except ImportError:
    sys.exit("PyYAML is not installed (pip install pyyaml): baseline skipped")

try:
    Loader = yaml.CLoader
except AttributeError:
    sys.exit("PyYAML has no CLoader (libyaml missing): baseline skipped")

MAX = 999_999_999
B_COLS = ["natural_person", "commercial", "research", "public_interest", "legal_service", "other", "total"]
B_ROWS = [
    ("received",), ("carried_over",),
    ("outcome", "disclosed"), ("outcome", "partially_disclosed"),
    *[("outcome", "withheld", k) for k in ["state_secret", "prohibited_by_law", "security_stability",
      "third_party_rights", "internal_affairs", "process_info", "enforcement_file", "query_matter"]],
    *[("outcome", "unable", k) for k in ["not_held", "needs_creation", "still_unclear"]],
    *[("outcome", "not_processed", k) for k in ["petition", "repeated", "publication", "excessive", "confirm_or_reissue"]],
    *[("outcome", "other", k) for k in ["no_correction", "fee_unpaid", "other"]],
    ("outcome", "total"), ("carried_forward",),
]
R_RECEIVED, R_OVER, R_TOTAL, R_FORWARD = 0, 1, 23, 24
C_GROUPS = ["reconsideration", "litigation_direct", "litigation_after_review"]
C_COLS = ["upheld", "corrected", "other", "pending", "total"]
TOP = ["format", "agency", "year", "title", "overview", "proactive", "requests", "appeals",
       "problems", "other_matters", "processing_fees"]


class Bad(Exception):
    pass


def count(v, path):
    if isinstance(v, bool) or not isinstance(v, int) or v < 0 or v > MAX:
        raise Bad(f"{path}: not a count: {v!r}")
    return v


def amount(v, decimals, path):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
        raise Bad(f"{path}: not an amount: {v!r}")
    s = repr(float(v)) if isinstance(v, float) else str(v)
    if "." in s and len(s.split(".")[1].rstrip("0")) > decimals:
        raise Bad(f"{path}: too many decimals: {v!r}")
    return v


def keys(m, allowed, path):
    if not isinstance(m, dict):
        raise Bad(f"{path}: not a mapping")
    for k in m:
        if k not in allowed:
            raise Bad(f"{path}.{k}: unknown key")
    for k in allowed:
        if k not in m:
            raise Bad(f"{path}: missing {k}")
    return m


def parts(v, path):
    if not isinstance(v, list):
        raise Bad(f"{path}: not a list")
    out = []
    for i, p in enumerate(v):
        if not isinstance(p, dict) or set(p) - {"heading", "body"} or "body" not in p:
            raise Bad(f"{path}[{i}]: not a part")
        out.append((str(p.get("heading", "")), str(p["body"])))
    return out


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) > 10 * 1024 * 1024:
        raise Bad("too large")
    doc = yaml.load(data.decode("utf-8"), Loader=Loader)
    if not isinstance(doc, dict):
        raise Bad("not a mapping")
    for k in doc:
        if k not in TOP:
            raise Bad(f"{k}: unknown key")
    missing = [k for k in TOP if k not in doc and k != "title"]
    r = {"agency": str(doc.get("agency", "")), "year": doc.get("year", 0)}
    for k in ["overview", "problems", "other_matters"]:
        r[k] = parts(doc.get(k, []), k)
    if "proactive" in doc:
        p = keys(doc["proactive"], ["regulations", "normative_documents", "licensing", "penalties",
                                    "coercive_measures", "fees_wan_yuan"], "proactive")
        for k in ["regulations", "normative_documents"]:
            keys(p[k], ["issued", "repealed", "in_force"], f"proactive.{k}")
            r[k] = [count(p[k][c], f"proactive.{k}.{c}") for c in ["issued", "repealed", "in_force"]]
        for k in ["licensing", "penalties", "coercive_measures"]:
            r[k] = count(p[k], f"proactive.{k}")
        r["fees_wan_yuan"] = amount(p["fees_wan_yuan"], 6, "proactive.fees_wan_yuan")
    cells = [[0] * 7 for _ in B_ROWS]
    if "requests" in doc:
        req = doc["requests"]
        keys(req, ["received", "carried_over", "outcome", "carried_forward"], "requests")
        keys(req["outcome"], ["disclosed", "partially_disclosed", "withheld", "unable", "not_processed", "other", "total"],
             "requests.outcome")
        for i, row in enumerate(B_ROWS):
            node = req
            for seg in row:
                node = node[seg]
            name = "requests." + ".".join(row)
            keys(node, B_COLS, name)
            cells[i] = [count(node[c], f"{name}.{c}") for c in B_COLS]
    r["b"] = cells
    c = [[0] * 5 for _ in C_GROUPS]
    if "appeals" in doc:
        keys(doc["appeals"], C_GROUPS, "appeals")
        for g, key in enumerate(C_GROUPS):
            keys(doc["appeals"][key], C_COLS, f"appeals.{key}")
            c[g] = [count(doc["appeals"][key][k], f"appeals.{key}.{k}") for k in C_COLS]
    r["c"] = c
    fees = doc.get("processing_fees") or {"notices": 0, "amount_notified_yuan": 0, "amount_collected_yuan": 0}
    keys(fees, ["notices", "amount_notified_yuan", "amount_collected_yuan"], "processing_fees")
    r["notices"] = count(fees["notices"], "processing_fees.notices")
    r["notified"] = amount(fees["amount_notified_yuan"], 2, "processing_fees.amount_notified_yuan")
    r["collected"] = amount(fees["amount_collected_yuan"], 2, "processing_fees.amount_collected_yuan")
    return r, missing


GAP = r"[^0-9０-９。；;！？!?\n]"
GAP_NO_CARRY = r"[^0-9０-９。；;！？!?\n结转]"
GAP_NO_LAWSUIT = r"[^0-9０-９。；;！？!?\n诉讼、和及]"
GAP_NO_REVIEW = r"[^0-9０-９。；;！？!?\n复议、和及]"
N = r"([0-9][0-9,]*)\s*"
PATTERNS = [
    ("received", re.compile(rf"(?:新收|受理|收到|接收){GAP_NO_CARRY}{{0,16}}?申请(?:数量)?(?:共|合计|总计)?{GAP}{{0,4}}?{N}件")),
    ("carried_over", re.compile(rf"上一?年度?结转{GAP}{{0,16}}?{N}件")),
    ("carried_forward", re.compile(rf"结转(?:到|至)?下一?年度?{GAP}{{0,12}}?{N}件")),
    ("carried_forward", re.compile(rf"{N}件{GAP}{{0,8}}?(?:结转|顺延|转入)(?:到|至)?下一?年度?")),
    ("reconsideration", re.compile(rf"行政复议(?:案件|申请)?{GAP_NO_LAWSUIT}{{0,8}}?{N}[件起]")),
    ("litigation", re.compile(rf"行政诉讼(?:案件)?{GAP_NO_REVIEW}{{0,8}}?{N}[件起]")),
]
NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理)[^。；;\n]{0,12}?申请")
FULLWIDTH = str.maketrans("０１２３４５６７８９．。，－", "0123456789..,-")
SPLIT = re.compile(r"[。\n；;]")
PUNCT = set("。，、；：？！“”‘’（）《》…—")


def check(r, missing, this_year):
    f = [("S1", k) for k in missing]
    b, c = r["b"], r["c"]
    for k in ["regulations", "normative_documents"]:
        for v in r.get(k, []):
            if v > MAX:
                f.append(("N1", k))
    if r["collected"] != round(r["collected"], 2) or r["notified"] != round(r["notified"], 2):
        f.append(("N1", "processing_fees"))
    if not r["agency"].strip():
        f.append(("M1", "agency"))
    if not isinstance(r["year"], int) or not 2008 <= r["year"] <= this_year + 1:
        f.append(("M1", "year"))
    for i in range(len(B_ROWS)):
        if sum(b[i][:6]) != b[i][6]:
            f.append(("B1", i))
    for col in range(7):
        if sum(b[i][col] for i in range(2, 23)) != b[R_TOTAL][col]:
            f.append(("B2", col))
        if b[R_RECEIVED][col] + b[R_OVER][col] != b[R_TOTAL][col] + b[R_FORWARD][col]:
            f.append(("B3", col))
    for g in range(3):
        if sum(c[g][:4]) != c[g][4]:
            f.append(("C1", g))
    for k in ["overview", "problems", "other_matters"]:
        n = sum(1 for _, body in r[k] for ch in body
                if not ch.isspace() and not (ch.isascii() and not ch.isalnum()) and ch not in PUNCT)
        if n == 0 or (k == "problems" and n < 10):
            f.append(("T1", k))
    if r["collected"] > r["notified"]:
        f.append(("F1", "collected"))
    if r["notices"] == 0 and (r["notified"] > 0 or r["collected"] > 0):
        f.append(("F1", "notices"))
    table = {
        "received": b[R_RECEIVED][6], "carried_over": b[R_OVER][6], "carried_forward": b[R_FORWARD][6],
        "reconsideration": c[0][4], "litigation": c[1][4] + c[2][4],
    }
    found = {}
    for _, body in r["overview"]:
        for sentence in SPLIT.split(body):
            s = sentence.translate(FULLWIDTH)
            for fig, pat in PATTERNS:
                m = pat.search(s)
                if m and fig not in found:
                    if fig == "litigation" and s[:m.start()].endswith(("和", "、", "及", "与")):
                        continue
                    found[fig] = (int(m.group(1).replace(",", "")), sentence.strip())
            if NONE_RECEIVED.search(s) and "received" not in found:
                found["received"] = (0, sentence.strip())
    for fig, (v, sentence) in found.items():
        if table[fig] != v:
            f.append(("X1", fig, sentence))
    return f


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    files = sorted(glob.glob(os.path.join(sys.argv[1], "*.yaml")))
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    this_year = datetime.date.today().year
    times, findings = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        for path in files:
            try:
                r, missing = load(path)
                findings += len(check(r, missing, this_year))
            except (Bad, yaml.YAMLError, UnicodeDecodeError) as e:
                print(f"{path}: {e}", file=sys.stderr)
        times.append((time.perf_counter() - start) * 1000 / len(files))
    ms = statistics.median(times)
    print(f"python {sys.version.split()[0]}, PyYAML {yaml.__version__} CLoader: {len(files)} files, "
          f"{ms:.3f} ms per report (median of {rounds} rounds), {findings // rounds} findings per round")
    print(f"ms_per_report {ms:.6f}")


if __name__ == "__main__":
    main()
