#!/usr/bin/env python3
"""Range searches for bench/date-range-benchmark.sh, made with a fixed seed (the same files every run):
a year, a month or a day at each end, 0-5 years wide, 30 % with a word, 30 % with a person (the 1M
generated catalogue's most linked people), 15 % with no end. Writes json.txt, html.txt,
json-within.txt and html-within.txt (the same searches with dated=within) into DIR.

    python3 bench/date-range-requests.py DIR
"""
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)
r = random.Random(20261202)
people = "stalin molotov gromyko vyshinsky mikoyan poskrebyshev shtykov puzanov".split()
words = "telegram conversation soviet korea meeting embassy report negotiations".split()


def bound(year):
    k = r.random()
    if k < 0.34:
        return str(year)
    month = r.randint(1, 12)
    if k < 0.67:
        return "%d-%02d" % (year, month)
    return "%d-%02d-%02d" % (year, month, r.randint(1, 28))


def first(b):
    p = b.split("-")
    return (int(p[0]), int(p[1]) if len(p) > 1 else 1, int(p[2]) if len(p) > 2 else 1)


def last(b):
    p = b.split("-")
    return (int(p[0]), int(p[1]) if len(p) > 1 else 12, int(p[2]) if len(p) > 2 else 31)


searches = []
while len(searches) < 300:
    year = r.randint(1945, 1985)
    width = r.choice([0, 0, 1, 2, 5])
    start, end = bound(year), bound(year + width)
    if start > end and len(start) == len(end):
        continue
    parameters = []
    k = r.random()
    if k < 0.3:
        parameters.append("q=" + r.choice(words))
    elif k < 0.6:
        parameters.append("person=" + r.choice(people))
    parameters.append("from=" + start)
    if r.random() < 0.85:
        parameters.append("to=" + end)
    if start[:4] > end[:4]:
        continue
    searches.append("&".join(parameters))
kept = []
for search in searches:
    asked = dict(p.split("=") for p in search.split("&"))
    if "to" in asked and first(asked["from"]) > last(asked["to"]):
        continue
    kept.append(search)
for name, prefix, suffix in [("json.txt", "/search.json?", ""), ("html.txt", "/search?", ""),
                             ("json-within.txt", "/search.json?", "&dated=within"),
                             ("html-within.txt", "/search?", "&dated=within")]:
    with open(os.path.join(out, name), "w") as f:
        f.writelines(prefix + s + suffix + "\n" for s in kept)
print(len(kept), "searches in", out)
