#!/usr/bin/env bash
# Whole-process benchmark of confgraph against the reference tools on the
# same quads, at each corpus size:
#   load    confgraph load (YAML corpus -> bolt)   vs  cayley load (its N-Quads -> bolt)
#   export  confgraph export / benchtool export    vs  cayley dump, and Debian serdi
#           (N-Quads -> N-Quads, the parse/serialize ceiling), with peak memory
#           and a byte comparison of the two confgraph exports
#   postgres load (sizes up to CONFGRAPH_BENCH_PG_MAX, default 100k) when
#           CONFGRAPH_BENCH_POSTGRES holds a postgres:// address on which
#           databases may be created
# It prints a table of seconds, quads/s, peak RSS and the ratios.
#
# Usage: internal/bench/run.sh [SIZE ...]        (default: 10k 100k 1m)
# Env:   CONFGRAPH_BENCH_DIR   cache of corpora (default $TMPDIR/confgraph-bench)
#        CONFGRAPH_BENCH_RUNS  runs per measurement below 1m (default 3; 1m runs once)
# Needs: go, /usr/bin/time (GNU), serdi (apt-get install serdi), network
#        access to the Go module proxy the first time cayley is built.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10k 100k 1m)
runs=${CONFGRAPH_BENCH_RUNS:-3}
pgmax=${CONFGRAPH_BENCH_PG_MAX:-100k}
export CONFGRAPH_BENCH_DIR=${CONFGRAPH_BENCH_DIR:-${TMPDIR:-/tmp}/confgraph-bench}
mkdir -p "$CONFGRAPH_BENCH_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

die() { echo "run.sh: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
if ! command -v serdi >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get install -y -qq --no-install-recommends serdi >/dev/null || die "could not install serdi"
	else
		die "serdi is missing (apt-get install serdi)"
	fi
fi

echo "building confgraph, benchtool and cayley's own CLI (module cache, version of go.mod) ..." >&2
cd "$root"
go build -o "$tmp/confgraph" ./cmd/confgraph
go build -o "$tmp/benchtool" ./internal/bench/cmd/benchtool
cayver=$(go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)
cay="$CONFGRAPH_BENCH_DIR/cayley-$cayver"
if [ ! -x "$cay" ]; then
	# cayley's CLI needs modules confgraph does not: build it in a throwaway
	# module pinned to the same cayley version.
	mkdir -p "$tmp/cayley-build"
	(cd "$tmp/cayley-build" && go mod init cayleybuild >/dev/null 2>&1 &&
		go mod edit -require="github.com/cayleygraph/cayley@$cayver" &&
		GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o "$cay" github.com/cayleygraph/cayley/cmd/cayley)
fi

# measure NAME PREPARE CMD...: runs CMD (after PREPARE) n times; records the
# median seconds and the largest peak RSS (KiB) in $tmp/NAME.
measure() {
	local name=$1 prep=$2 n=$3
	shift 3
	local i
	: >"$tmp/$name.runs"
	for ((i = 0; i < n; i++)); do
		bash -c "$prep"
		/usr/bin/time -o "$tmp/$name.t" -f "%e %M" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" ||
			{ cat "$tmp/$name.err" >&2; die "$name failed: $*"; }
		cat "$tmp/$name.t" >>"$tmp/$name.runs"
	done
	sort -n "$tmp/$name.runs" | awk '{s[NR]=$1; if ($2>m) m=$2} END {print s[int((NR+1)/2)], m}' >"$tmp/$name"
}
secs() { cut -d' ' -f1 "$tmp/$1"; }
rss() { awk '{printf "%.0f", $2/1024}' "$tmp/$1"; }
rate() { awk -v q="$1" -v s="$(secs "$2")" 'BEGIN {printf "%.0f", q/s}'; }
ratio() { awk -v a="$(secs "$2")" -v b="$(secs "$1")" 'BEGIN {printf "%.2f", a/b}'; }

tofacts() { case $1 in *m) echo $((${1%m} * 1000000)) ;; *k) echo $((${1%k} * 1000)) ;; *) echo "$1" ;; esac; }

printf '\nmachine: %s CPU(s), %s, %s RAM\n' "$(nproc)" \
	"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
	"$(free -h | awk '/^Mem:/ {print $2}')"
printf 'cayley %s (CLI bolt = boltdb/bolt), %s, %s\n\n' "$cayver" "$(serdi -v 2>&1 | head -n1)" "$(go version | cut -d' ' -f3)"

for size in "${sizes[@]}"; do
	facts=$(tofacts "$size")
	n=$runs
	[ "$facts" -lt 1000000 ] || n=1
	mapfile -t paths < <("$tmp/benchtool" corpus "$size")
	corpus=${paths[0]} nq=${paths[1]}
	quads=$(wc -l <"$nq")
	echo "== $size: $facts facts, $quads quads (with vocabulary), median of $n run(s)"

	db="$tmp/bolt-$size.db" cdb="$tmp/cayley-$size.db"
	measure load-ours "rm -rf '$db'" "$n" "$tmp/confgraph" load --quiet --db bolt --dbpath "$db" "$corpus"
	measure load-cayley "rm -rf '$cdb'" "$n" "$cay" load --init --db bolt --dbpath "$cdb" -i "$nq" --logtostderr=false
	measure export-ours-cli "" "$n" "$tmp/confgraph" export --db bolt --dbpath "$db" -o "$tmp/export-cli.nq"
	measure export-ours-sorted "" "$n" "$tmp/benchtool" export bolt "$db" "$tmp/export-sorted.nq"
	measure dump-cayley "" "$n" "$cay" dump --db bolt --dbpath "$cdb" -o "$tmp/dump.nq" --logtostderr=false
	measure serdi "" "$n" serdi -i nquads -o nquads "$nq"
	same=different
	cmp -s "$tmp/export-cli.nq" "$tmp/export-sorted.nq" && cmp -s "$tmp/export-sorted.nq" "$nq" && same=identical

	printf '%-30s %9s %11s %9s\n' step seconds quads/s "peak MiB"
	for m in load-ours load-cayley export-ours-cli export-ours-sorted dump-cayley serdi; do
		printf '%-30s %9s %11s %9s\n' "$m" "$(secs $m)" "$(rate "$quads" $m)" "$(rss $m)"
	done
	echo "ratio load: confgraph load / cayley load (bolt)            = $(ratio load-ours load-cayley)x   (target >= 2)"
	echo "ratio export: confgraph export (sortquads) / serdi        = $(ratio export-ours-sorted serdi)x   (target >= 0.5)"
	echo "ratio export: confgraph export (CLI) / serdi              = $(ratio export-ours-cli serdi)x"
	echo "ratio export: confgraph export (sortquads) / cayley dump  = $(ratio export-ours-sorted dump-cayley)x"
	echo "export bytes: CLI export, sortquads export and corpus N-Quads are $same"

	if [ -n "${CONFGRAPH_BENCH_POSTGRES:-}" ] && [ "$facts" -le "$(tofacts "$pgmax")" ]; then
		admin=$CONFGRAPH_BENCH_POSTGRES
		base=${admin%%\?*}
		base=${base%/*}
		q=""
		[[ $admin == *\?* ]] && q="?${admin#*\?}"
		mk() { PGOPTIONS='-c client_min_messages=warning' psql "$admin" -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null; }
		export -f mk
		export admin
		measure pg-ours "mk cgbench_ours" 1 "$tmp/confgraph" load --quiet --db postgres --dbpath "$base/cgbench_ours$q" "$corpus"
		measure pg-cayley "mk cgbench_cayley" 1 "$cay" load --init --db postgres --dbpath "$base/cgbench_cayley$q" -i "$nq" --logtostderr=false
		for m in pg-ours pg-cayley; do
			printf '%-30s %9s %11s %9s\n' "$m" "$(secs $m)" "$(rate "$quads" $m)" "$(rss $m)"
		done
		echo "ratio load: confgraph load / cayley load (postgres)        = $(ratio pg-ours pg-cayley)x"
		PGOPTIONS='-c client_min_messages=warning' psql "$admin" -qc "DROP DATABASE IF EXISTS cgbench_ours WITH (FORCE)" -c "DROP DATABASE IF EXISTS cgbench_cayley WITH (FORCE)" >/dev/null
	fi
	rm -rf "$db" "$cdb" "$tmp"/*.nq
	echo
done
