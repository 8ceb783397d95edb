#!/usr/bin/env bash
# every-table-compared.sh A.db B.db: every table both files hold, row by row, every column but the time stamps
# (each run has its own now) and change_head's feed name (random per file): the rows of A not in B
# and of B not in A (EXCEPT, as sets), and each side's count: equal counts and no row on either side alone. Read only.
set -euo pipefail
a=$1 b=$2
skip="created_at updated_at imported_at changed_at last_seen_at expires_at installed_on execution_time feed"
for t in $(sqlite3 "$a" "select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name"); do
  cols=$(sqlite3 "$a" "select name from pragma_table_info('$t')" | while read c; do case " $skip " in *" $c "*) ;; *) printf '%s,' "\"$c\"";; esac; done)
  cols=${cols%,}
  r=$(sqlite3 "$a" "attach '$b' as b;
    select (select count(*) from main.\"$t\"), (select count(*) from b.\"$t\"),
      (select count(*) from (select $cols from main.\"$t\" except select $cols from b.\"$t\")),
      (select count(*) from (select $cols from b.\"$t\" except select $cols from main.\"$t\"))")
  echo "$t [$cols] counts A|B|A-B|B-A: $r"
done
