#!/usr/bin/env python3
"""How often the load mix asks again what it asked before, by kind: whether a whole kept answer could
serve it. Reads the paths LoadBenchmark prints (one a line) and needs no node:

    java bench/LoadBenchmark.java URL --paths 30000 warm-up > warm.txt   # what warmed the node
    java bench/LoadBenchmark.java URL --paths 9000 > log.txt             # the timed rates' log
    bench/mix-repeats.py warm.txt log.txt 4000 9000                      # 250 req/s after 200, 20 s each

The schedule is lines FROM+1 to TO of the log; "before" is the whole warm-up file and the log's lines
before FROM (the mix never writes, so all of it is one snapshot of the index). A search is the same
as an earlier one when its parameters are, in any order (an answer is kept under one spelling,
SearchRequest.oneSpelling: the facets' values sorted; the words as typed). For each repeated search
it also says how many other searches, told apart, were asked since it was last asked: a kept store
holding fewer answers than that (and keeping the most recent) had let it go. Record pages and exports
are counted but kept elsewhere or not at all.
"""
import collections
import sys
import urllib.parse

# Upper ends of the bins of "other searches asked since", the last one open.
DISTANCES = [500, 1000, 1500, 2000, 3000, 5000, 10000]


def kind(path):
    """The mix's kind of a path, as LoadBenchmark draws them; words with filters split by a range."""
    if path.startswith('/documents/'):
        return 'record page'
    if path.startswith('/search.csv'):
        return 'export'
    names = [name for name, _ in urllib.parse.parse_qsl(path.split('?', 1)[1])]
    if 'page' in names:
        return 'deep page'
    if 'q' in names and len(names) > 1:
        return 'words, filters, range' if 'from' in names else 'words and filters'
    return 'words' if 'q' in names else 'facets'


def one_spelling(path):
    if '?' not in path:
        return path
    address, query = path.split('?', 1)
    return address + '?' + '&'.join(sorted(name + '=' + value for name, value in urllib.parse.parse_qsl(query)))


def main(warm_file, log_file, start, end):
    warm = [line.strip() for line in open(warm_file)]
    log = [line.strip() for line in open(log_file)]
    asked = warm + log[:end]
    first = len(warm) + start
    last_asked = {}
    searches = []  # the keys of the searches asked, in order, for the distances
    asks = collections.Counter()
    repeats = collections.Counter()
    distances = collections.defaultdict(collections.Counter)
    for i, path in enumerate(asked):
        key = one_spelling(path)
        is_search = path.startswith('/search?')
        if i >= first:
            k = kind(path)
            asks[k] += 1
            if key in last_asked:
                repeats[k] += 1
                if is_search:
                    since = len(set(searches[last_asked[key] + 1:]))
                    distances[k][next((d for d in DISTANCES if since <= d), 'more')] += 1
        if is_search:
            last_asked[key] = len(searches)
            searches.append(key)
        elif key not in last_asked:
            last_asked[key] = -1
    bins = [f'{low + 1:,}-{d:,}' for low, d in zip([-1] + DISTANCES, DISTANCES)] + ['more']
    print('| kind | asked | asked before | share | ' + ' | '.join('since: ' + b for b in bins) + ' |')
    print('|---|---:|---:|---:|' + '---:|' * len(bins))
    for k in ['words', 'facets', 'words and filters', 'words, filters, range', 'deep page', 'record page', 'export']:
        row = [str(distances[k][d]) for d in DISTANCES + ['more']]
        print(f'| {k} | {asks[k]:,} | {repeats[k]:,} | {100 * repeats[k] / max(1, asks[k]):.1f} % | ' + ' | '.join(row) + ' |')
    print(f'| all | {sum(asks.values()):,} | {sum(repeats.values()):,} | | |')
    print(f'{len(set(searches)):,} searches told apart in the warm-up and the log\'s first {end:,} lines')


if __name__ == '__main__':
    if len(sys.argv) != 5:
        print('usage: bench/mix-repeats.py WARM_PATHS LOG_PATHS FROM TO', file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
