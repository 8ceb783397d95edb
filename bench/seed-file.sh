#!/usr/bin/env bash
# Writes a seed page of N entries to stdout, made from the entries of the seed pages themselves
# (their titles and summaries, as they are: curly quotes, accents, several paragraphs, entries
# without a summary), each given a new date of every precision and its number after the title, so
# that every entry is a new document and the people, places and types are found as in the seeds.
#
#   bench/seed-file.sh N [SEEDS_DIR] > large.txt        (150,000 entries are about 65 MB)
set -euo pipefail
N=${1:?how many entries}
SEEDS=${2:-"$(dirname "$0")/../seeds"}

# Paragraph mode: one record per block of lines separated by blank lines. A block whose first line
# is a date starts an entry; the blocks after it, up to the next date, are its title and summary.
awk -v n="$N" '
  BEGIN { RS = ""; FS = "\n"; entries = 0 }
  function isDate(line) {
    return line ~ /^(January|February|March|April|May|June|July|August|September|October|November|December)( [0-9]+,)? [0-9][0-9][0-9][0-9]$/ \
        || line ~ /^[0-9][0-9][0-9][0-9]$/
  }
  {
    sub(/\r+$/, "")
    if (isDate($1)) { entries++; parts[entries] = 0; if (NF > 1) { sub(/^[^\n]*\n/, ""); parts[entries] = 1; text[entries, 1] = $0 }; next }
    if (entries == 0) next
    parts[entries]++; text[entries, parts[entries]] = $0
  }
  END {
    split("January February March April May June July August September October November December", month, " ")
    printf "Skip to content\n\n\n1 - %d of %d\n\n\nDocuments\n\n", n, n
    for (i = 0; i < n; i++) {
      e = i % entries + 1
      year = 1940 + int(i / entries) % 52
      if (i % 10 == 0) date = year
      else if (i % 10 == 1) date = month[i % 12 + 1] " " year
      else date = month[i % 12 + 1] " " (i % 28 + 1) ", " year
      printf "%s\n\n%s (no. %d)\n\n", date, text[e, 1], i + 1
      for (p = 2; p <= parts[e]; p++) printf "%s\n\n", text[e, p]
    }
  }
' "$SEEDS"/*.txt
