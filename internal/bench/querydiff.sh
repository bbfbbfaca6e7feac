#!/usr/bin/env bash
# querydiff.sh OLD NEW DB DBPATH [PER_KIND]
#
# Runs every bundled query with two confgraph binaries on the same store
# and compares their JSON rows: each query without parameters (the whole
# listing), and each entity parameter given each of the first PER_KIND
# entities of its kind (default: every one), by IRI. A parameter the old
# binary does not take is run by the new one alone and reported as new.
# Prints one line per run that differs and a summary; exits 1 on a
# difference. Rows are compared as returned (both binaries sort them);
# queries run without a timeout or memory budget. With QUERYDIFF_LISTINGS=0
# the runs without parameters (whole-store listings, which take hours on
# a large store) are left out.
set -euo pipefail
old=$1 new=$2 db=$3 dbpath=$4 per=${5:-0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cg() { "$1" --db "$db" --dbpath "$dbpath" "${@:2}"; }

# entities KIND: the IRIs of the entities a parameter of KIND takes.
entities() {
  local classes
  case $1 in
  person) classes='"<http://schema.org/Person>"' ;;
  event) classes='"<http://schema.org/Event>"' ;;
  at) classes='"<https://confgraph.example/vocab#Bridge>", "<http://schema.org/Place>"' ;;
  bridge) classes='"<https://confgraph.example/vocab#Bridge>"' ;;
  post) classes='"<http://www.w3.org/ns/org#Post>"' ;;
  organisation) classes='"<http://www.w3.org/ns/org#Organization>"' ;;
  document) classes='"<http://schema.org/Legislation>"' ;;
  any) classes='"<http://schema.org/Person>", "<http://schema.org/Event>", "<http://www.w3.org/ns/org#Organization>"' ;;
  *) echo "querydiff: unknown kind $1" >&2; exit 2 ;;
  esac
  cg "$new" query --limit 0 --format csv -e "g.V($classes).in(\"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>\").unique().all()" |
    tail -n +2 | cut -d, -f1 | sort -u | { if [ "$per" -gt 0 ]; then head -n "$per"; else cat; fi; }
}

runs=0 same=0 differ=0 newonly=0
compare() { # NAME [PARAM=VALUE]
  local args=(query --limit 0 --timeout 30m --max-memory 0 --format json "$1")
  [ $# -gt 1 ] && args+=(--param "$2")
  runs=$((runs + 1))
  cg "$new" "${args[@]}" >"$tmp/new" 2>&1 || true
  if ! cg "$old" "${args[@]}" >"$tmp/old" 2>&1; then
    if grep -q 'has no parameter' "$tmp/old"; then
      newonly=$((newonly + 1))
      return
    fi
  fi
  if cmp -s "$tmp/old" "$tmp/new"; then
    same=$((same + 1))
  else
    differ=$((differ + 1))
    echo "DIFFERS: $* ($(wc -c <"$tmp/old") vs $(wc -c <"$tmp/new") bytes)"
  fi
}

# The queries and their entity parameters (name kind), from 'confgraph queries'.
cg "$new" queries | awk '
  /^[a-z]/ { q = $1; print q; next }
  /--param/ { split($2, a, "="); kind = $3; sub(/^\(/, "", kind); if ($4 == "or") kind = "at"; print q, a[1], kind }
' >"$tmp/plan"
while read -r q p kind; do
  if [ -z "${p:-}" ]; then
    [ "${QUERYDIFF_LISTINGS:-1}" = 0 ] && continue
    if grep -q "^$q [a-z]* [a-z]*$" "$tmp/plan" && ! cg "$new" query --limit 1 "$q" >/dev/null 2>&1; then
      continue # a required parameter
    fi
    compare "$q"
    continue
  fi
  case $kind in name | place) kind=at ;; entity) kind=any ;; esac
  while read -r iri; do
    [ -n "$iri" ] && compare "$q" "$p=$iri"
  done < <(entities "$kind")
done <"$tmp/plan"
echo "querydiff: $runs runs: $same identical, $differ differ, $newonly with a parameter only the new binary takes"
[ "$differ" -eq 0 ]
