"""Reads the articles under wikinews/ (Wikinews, CC BY 2.5 or public domain, and
Global Voices, CC BY 3.0; see the header of each file): entries start with
"@@ URL", then "date:", "title:" and "label: FIRST | ALSO..." lines, then the
text up to the next entry.

Used by build_eval.py (the records) and evaluate.py (the first-topic labels).
A file's header may name its split ("# split: check-wikinews"); without one the
articles are split "dev-wikinews", a development set. CHECK_SPLITS are labelled
sets the rules are judged on and not tuned to; FINAL_SPLITS are scored only at
the end of a round, and evaluate.py never lists their errors.
"""
import glob
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SPLIT = "dev-wikinews"
CHECK_SPLITS = {"check-wikinews", "final-wikinews"}
FINAL_SPLITS = {"final-wikinews"}


def read_articles(folder=os.path.join(HERE, "wikinews")):
    articles = []
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        entry = None
        split = SPLIT
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.rstrip("\n")
            if line.startswith("#") and entry is None:
                if line.startswith("# split: "):
                    split = line.split(":", 1)[1].strip()
                continue
            if line.startswith("@@ "):
                entry = {"url": line[3:].strip(), "lines": [], "split": split}
                articles.append(entry)
            elif entry is None:
                raise ValueError(f"{path}:{n}: text before the first '@@ URL' line")
            elif not entry["lines"] and line.startswith(("date: ", "title: ", "label: ")):
                key, value = line.split(": ", 1)
                entry[key] = value.strip()
            else:
                entry["lines"].append(line)
    out = []
    for e in articles:
        missing = [k for k in ("date", "title", "label") if k not in e]
        if missing:
            raise ValueError(f"{e['url']}: no {', '.join(missing)}")
        first, _, also = e["label"].partition("|")
        out.append({
            "id": "wn-" + hashlib.sha1(e["url"].encode()).hexdigest()[:10],
            "url": e["url"], "date": e["date"], "title": e["title"], "split": e["split"],
            "first": first.strip(), "also": set(also.split()),
            "text": "\n".join(e["lines"]).strip(),
        })
    return out
