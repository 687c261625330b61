#!/bin/bash
# Where a large import's time goes: `kith import contacts` on the imports bench's CSV with parts of the contacts
# schema dropped before the run, to measure what each costs (issue 4). Not a product configuration.
# Usage: flock /tmp/kith-bench.lock bench/import-floor.sh sqlite|postgres base|nofts|noidx|neither [rows]
#   base    — the schema as shipped
#   nofts   — without the search index (SQLite: the FTS5 insert trigger; PostgreSQL: the pg_trgm GIN index)
#   noidx   — without the six random-key contact indexes (name sort, owner+name sort, name_key, family_key,
#             primary e-mail, company)
#   neither — without both
# Needs the CSV written by `node bench/run.mjs imports --rows 1000000` (/tmp/kith-bench-1000000.csv) and a build.
# Prints wall/user/system seconds and peak RSS of the import process (and, on PostgreSQL, the server's CPU).
set -euo pipefail
db=$1; variant=$2; rows=${3:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
src=/tmp/kith-bench-1000000.csv
[ -f "$src" ] || { echo "missing $src: run node bench/run.mjs imports --rows 1000000 first" >&2; exit 2; }
csv=/tmp/kith-floor-$rows.csv
head -n $((rows + 1)) "$src" > "$csv"
work=$(mktemp -d /tmp/kith-floor-XXXX)
trap 'rm -rf "$work" "$csv"' EXIT
if [ "$db" = sqlite ]; then
  fts="drop trigger contacts_fts_ai;"
  idx="drop index contacts_live_name_idx; drop index contacts_owner_name_idx; drop index contacts_name_key_idx;
       drop index contacts_family_key_idx; drop index contacts_email_idx; drop index contacts_company_idx;"
else
  fts="drop index contacts_search_trgm_idx;"
  idx="drop index contacts_name_live_idx; drop index contacts_owner_name_live_idx; drop index contacts_name_key_prefix_idx;
       drop index contacts_family_key_prefix_idx; drop index contacts_email_prefix_idx; drop index contacts_company_idx;"
fi
case $variant in base) drop="";; nofts) drop=$fts;; noidx) drop=$idx;; neither) drop="$fts $idx";; *) echo "unknown variant $variant" >&2; exit 2;; esac
export KITH_DATA_DIR=$work/files LOG_LEVEL=warn
cd "$root"
if [ "$db" = postgres ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
  chown -R postgres "$work"
  su postgres -c "$bin/initdb -D $work/pg -A trust -U postgres >/dev/null"
  su postgres -c "$bin/pg_ctl -D $work/pg -o '-k $work -c listen_addresses=' -l $work/pg.log start >/dev/null"
  trap 'su postgres -c "$bin/pg_ctl -D $work/pg stop -m fast >/dev/null"; rm -rf "$work" "$csv"' EXIT
  sleep 2
  psql "postgresql://postgres@localhost/postgres?host=$work" -qc "create database kith"
  export DATABASE_URL="postgresql://postgres@localhost/kith?host=$work"
fi
node dist/server/main.js user create --email admin@bench.test --name Admin --role Administrator --password 'violet harbour quokka 47 lantern' >/dev/null
if [ -n "$drop" ]; then
  if [ "$db" = sqlite ]; then sqlite3 "$KITH_DATA_DIR/kith.db" "$drop"; else psql "$DATABASE_URL" -qc "$drop"; fi
fi
echo "[$db $variant] $rows rows"
/usr/bin/time -f "%e s wall, %U s user, %S s system, peak RSS %M KB" node dist/server/main.js import contacts "$csv" --on-duplicate update
if [ "$db" = postgres ]; then
  sleep 1
  echo "PostgreSQL backends' CPU: $(awk '{print ($16 + $17) / 100}' "/proc/$(head -1 "$work/pg/postmaster.pid")/stat") s"
fi
