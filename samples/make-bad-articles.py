#!/usr/bin/env python3
"""Writes the bad-record samples, each NDJSON file with a line-aligned
.expected file giving the outcome each line must get from `newsflow process`
(an error_class, or `pass` for a record that is hostile but valid):

  bad-articles.ndjson       one line per kind of bad record; small, committed,
                            and loaded by `newsflow demo`
  bad-articles-huge.ndjson  a 2 MiB body (body_too_large); not committed, and
                            kept apart because it is larger than a default Kafka
                            record (message.max.bytes 1 MB), so the demo's
                            loader could not produce it

    python3 samples/make-bad-articles.py [OUT_DIR]     (default: samples/)

Output is byte-for-byte deterministic (no randomness, no timestamps); the
samples_process test regenerates both and checks the committed copy matches.
"""
import json
import os
import sys

GOOD = {
    "id": "bad-sample-base",
    "url": "https://example.org/news/2025/01/01/base-story",
    "source": "Example Gazette",
    "title": "Town council approves new library budget",
    "body": "The town council approved a budget of 1.2 million for the new library on Monday.\n\n"
            "\"This is a good day for readers,\" said the mayor, Anna Berg.",
    "published_at": "2025-01-01T09:00:00Z",
}


_DROP = object()  # a field value meaning "leave the field out"


def record(**changes):
    """The good base record with some fields replaced or dropped, as one JSON line."""
    r = dict(GOOD)
    for k, v in changes.items():
        if v is _DROP:
            r.pop(k, None)
        else:
            r[k] = v
    return json.dumps(r, ensure_ascii=False).encode("utf-8")


def lines():
    # (expected outcome, raw line bytes without the newline)
    yield "not_json", b'{"id": "bad-truncated-json", "title": "Cut off mid-record", "body": "The council said'
    yield "not_json", b"<html><head><title>502 Bad Gateway</title></head></html>"
    yield "not_object", json.dumps([GOOD]).encode("utf-8")
    # Latin-1 bytes where UTF-8 is required (a crawler that skipped transcoding).
    yield "invalid_utf8", (b'{"id": "bad-latin1", "url": "https://example.org/a", "title": "Caf\xe9 owners protest",'
                           b' "body": "Owners of the caf\xe9s on the main square said \xabenough\xbb.",'
                           b' "published_at": "2025-01-01T09:00:00Z"}')
    yield "missing_field", record(id="bad-missing-body", body=_DROP)
    yield "missing_field", record(id=_DROP, url=_DROP)
    yield "empty_body", record(id="bad-empty-body", body="")
    yield "empty_body", record(id="bad-blank-body", body=" \n\n\t ")
    yield "wrong_type", record(id="bad-body-number", body=12345)
    yield "wrong_type", record(id="bad-title-object", title={"main": "Headline", "sub": "Standfirst"})
    yield "bad_value", record(id="bad-published-at", published_at="yesterday at 5pm")
    yield "bad_value", record(id="bad-published-at-impossible-date", published_at="2025-13-45T25:61:00Z")
    # Valid but hostile: thousands of unbalanced and nested quote marks. The
    # record must pass (it is an article) and the quote scanner must stay linear.
    marks = "“" * 3000 + "\"" * 3000 + "‘" * 2000 + "«" * 2000 + " she said. " + "”" * 1000
    yield "pass", record(id="hostile-quote-marks", title="Quote marks everywhere",
                         body="A reader sent this letter.\n\n" + marks + "\n\nThe end.")


def huge_lines():
    # Just over input.max_body_bytes (2 MiB) but under input.max_record_bytes (8 MiB).
    paragraph = "The committee met again on Tuesday and adjourned without a decision. "
    huge = paragraph * ((2 * 1024 * 1024) // len(paragraph) + 10)
    yield "body_too_large", record(id="bad-huge-body", body=huge)


def write(out_dir, name, records):
    with open(os.path.join(out_dir, name + ".ndjson"), "wb") as data, \
         open(os.path.join(out_dir, name + ".expected"), "w", encoding="utf-8") as expected:
        for outcome, raw in records:
            assert b"\n" not in raw
            data.write(raw + b"\n")
            expected.write(outcome + "\n")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    write(out_dir, "bad-articles", lines())
    write(out_dir, "bad-articles-huge", huge_lines())


if __name__ == "__main__":
    main()
