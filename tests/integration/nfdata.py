"""Test data for the integration tests: generated articles and their
syndicated copies (bytes as the crawlers would write them), and the project's
JSON Schemas to check records against. Re-exported by nfkafka.
"""

import json
import os
import random
import time


class TestFailure(Exception):
    """What every check in the integration tests raises (nfkafka.check)."""


# --------------------------------------------------------------------------- records

_WORDS = (
    "government minister council election vote parliament budget economy inflation market bank "
    "company workers union strike hospital school university court judge police city region border "
    "river storm flood drought harvest energy power plant grid price fuel gas oil coal solar wind "
    "talks agreement treaty summit leaders delegation ceasefire troops aid refugees camp port ship "
    "railway bridge airport flight passengers tourism museum festival film music team match season "
    "coach players stadium fans record growth exports imports tariff trade deal investors shares "
    "profit loss quarter report survey study researchers scientists data climate emissions forest "
    "water supply shortage plan reform law bill tax spending debt loan fund project contract "
    "construction housing rent families children teachers nurses doctors patients vaccine virus "
    "outbreak health care services transport roads traffic accident fire rescue investigation "
    "officials spokesperson statement announced said warned expected rose fell increased reduced "
    "approved rejected signed launched opened closed delayed cancelled extended promised agreed "
    "national local regional international public private new major key early late strong weak "
    "first second third last several many few more less higher lower annual monthly weekly daily"
).split()
_FIRST = "Maria John Aisha Pedro Li Fatima James Olga Kwame Sofia Hiro Elena Omar Grace Lars Priya".split()
_LAST = "Novak Okafor Silva Tanaka Schmidt Haddad Kowalski Mensah Rossi Larsen Patel Moreau Ivanova".split()
_ROLES = ["the finance minister", "a union leader", "the mayor", "a spokesperson for the ministry",
          "the company's chief executive", "a local resident", "the head of the agency"]
_PLACES = "Lisbon Nairobi Osaka Krakow Accra Porto Lyon Bergen Pune Tbilisi Quito Daegu Tampere".split()


def _sentence(rng, lo=8, hi=18):
    words = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), f"in {rng.choice(_PLACES)}")
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def make_articles(n, seed, id_prefix):
    """n distinct English news-like articles (unique ids, unrelated text, so a
    near-duplicate detector has no reason to merge any two), with quotes."""
    rng = random.Random(seed)
    base = 1_790_000_000  # 2026-09-21, a fixed instant so runs are repeatable
    articles = []
    for i in range(n):
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            sentences = [_sentence(rng) for _ in range(rng.randint(2, 4))]
            if rng.random() < 0.4:
                speaker = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                quote = _sentence(rng, 10, 20)[:-1]
                sentences.append(f"\u201c{quote},\u201d said {speaker}, {rng.choice(_ROLES)}.")
            paragraphs.append(" ".join(sentences))
        article_id = f"{id_prefix}-{i:06d}"
        ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(base + i * 37 + rng.randint(0, 30)))
        articles.append({
            "id": article_id,
            "url": f"https://news.example/{rng.choice(_PLACES).lower()}/{article_id}",
            "source": f"Example {rng.choice(_PLACES)} Times",
            "title": _sentence(rng, 5, 10)[:-1],
            "body": "\n\n".join(paragraphs),
            "published_at": ts,
            "language": "en",
        })
    return articles


def syndicated_copy(article, n, rng):
    """What a syndication partner publishes: a new id and URL, its own page
    chrome around the same text, a lightly changed title."""
    copy = dict(article)
    copy["id"] = f"{article['id']}-syn{n}"
    copy["url"] = f"https://partner{n}.example/news/{rng.randrange(10**9)}"
    copy["source"] = f"Partner {n} News"
    copy["title"] = article["title"] + (" (updated)" if n % 2 else "")
    copy["body"] = f"Partner {n} News | Home | World\n\n" + article["body"] + "\n\nShare this article"
    return copy


def routing_set(id_prefix, seed=97, originals=40):
    """The records of the duplicate-routing tests, the same in file mode
    (tests/property/duplicate_routing.py) and Kafka mode (scenarios.py
    routing_*): originals, syndicated copies of every third one (two copies of
    every ninth) a few records after it, and bad records. Returns (records,
    expected): each record is (bytes, story) with story the index of its
    original (a copy goes to the same input partition as it) or None for a bad
    one; expected holds the original ids, {copy id: original id} and the count
    of bad records."""
    rng = random.Random(seed)
    sources = make_articles(originals, seed, id_prefix)
    records, pending, copies = [], [], {}
    for i, a in enumerate(sources):
        records.append((article_bytes(a), i))
        if i % 3 == 0:
            pending.append((i + 3, syndicated_copy(a, 1, rng), i))
        if i % 9 == 0:
            pending.append((i + 5, syndicated_copy(a, 2, rng), i))
        for due, copy, story in [p for p in pending if p[0] == i]:
            records.append((article_bytes(copy), story))
            copies[copy["id"]] = sources[story]["id"]
        pending = [p for p in pending if p[0] != i]
        if i in (7, 19, 31):
            records.append((_bad_record(id_prefix, i), None))
    for _, copy, story in pending:  # copies due after the last original
        records.append((article_bytes(copy), story))
        copies[copy["id"]] = sources[story]["id"]
    return records, {"originals": [a["id"] for a in sources], "copies": copies, "bad": 3}


def _bad_record(id_prefix, i):
    if i == 7:
        return b'{"id": "' + f"{id_prefix}-bad-{i}".encode() + b'", "body": "cut off'
    if i == 19:
        return json.dumps({"id": f"{id_prefix}-bad-{i}", "url": "https://news.example/x", "title": "no body"}).encode()
    return json.dumps({"id": f"{id_prefix}-bad-{i}", "url": "https://news.example/y", "title": "t", "body": 42}).encode()


def article_bytes(article):
    return json.dumps(article, ensure_ascii=False).encode()


TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


# --------------------------------------------------------------------------- schema


class Schema:
    """One of the project's JSON Schemas under schemas/ (draft 2020-12)."""

    def __init__(self, source_dir, name):
        import jsonschema  # Debian's python3-jsonschema
        path = os.path.join(source_dir, "schemas", name)
        if not os.path.exists(path):
            raise TestFailure(f"schema {path} is missing")
        with open(path) as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        self.validator = cls(schema, format_checker=getattr(cls, "FORMAT_CHECKER", None)
                             or jsonschema.FormatChecker())
        self.path = path

    def errors_in(self, doc):
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in self.validator.iter_errors(doc)]

    def errors(self, record_value):
        try:
            doc = json.loads(record_value)
        except ValueError as e:
            return [f"value is not JSON: {e}"]
        return self.errors_in(doc)


def OutputSchema(source_dir):
    return Schema(source_dir, "output.schema.json")
