#!/usr/bin/env bash
# wrk on loopback, in one run: (1) an independent minimal Beast server (bench/wrk/beast_hello.cc)
# answering a tiny JSON body, with 2 threads (its faster setting here), and (2) amanah-paper as
# it starts by default (1 I/O thread) answering signed Binance IOC orders (HMAC checked, matched,
# settled, FULL response) — both against wrk -t2 -c32 on the same 2 cores; rounds alternate and
# the medians and their ratio are reported. Then (3) the paper exchange's resident memory after a
# fixed number of orders, twice, to show it levels off at the history retention.
# Usage: paper_wrk.sh BUILD_DIR   (AMANAH_WRK_ROUNDS, _SECONDS, _ORDERS, AMANAH_PAPER_THREADS)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build="${1:-build/release}"
rounds="${AMANAH_WRK_ROUNDS:-3}"
seconds="${AMANAH_WRK_SECONDS:-10}"
orders="${AMANAH_WRK_ORDERS:-200000}"
threads=2  # wrk's
connections=32
hello_threads=2
paper_threads="${AMANAH_PAPER_THREADS:-1}"
dir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"; }
trap cleanup EXIT

key=benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbenchbench1234
secret=s3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3ts3cr3t1234

signed() {  # signed SIDE PRICE: a query string valid for the next 60 s
  local query="symbol=BTCUSDT&side=$1&type=LIMIT&timeInForce=IOC&quantity=0.01000&price=$2&recvWindow=60000&timestamp=$(date +%s%3N)"
  printf '%s&signature=%s' "$query" \
    "$(printf '%s' "$query" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')"
}

rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }

check_all_ok() {  # wrk reports answers that were not 2xx/3xx; the orders must all have succeeded
  if grep -q 'Non-2xx or 3xx' "$1"; then
    cat "$1"
    echo "paper_wrk: some orders were refused; the figure would not measure placements"
    exit 1
  fi
}

start_paper() {
  "$build/paper/amanah-paper" --scenario bench/wrk/bench.toml --threads "$paper_threads" \
    --admin-token-file "$dir/token" >"$dir/paper.out" 2>"$dir/paper.err" &
  paper_pid=$!
  pids+=("$paper_pid")
  for _ in $(seq 100); do [ -s "$dir/paper.out" ] && break; sleep 0.05; done
  paper_url=$(sed -n 's/.*"binance":"\([^"]*\)".*/\1/p' "$dir/paper.out")
  admin_url=$(sed -n 's/.*"admin":"\([^"]*\)".*/\1/p' "$dir/paper.out")
  [ -n "$paper_url" ] || { cat "$dir/paper.err"; echo "paper_wrk: amanah-paper did not start"; exit 1; }
}

run_orders() {  # run_orders OUT
  AMANAH_KEY=$key AMANAH_BUY=$(signed BUY 70000.00) AMANAH_SELL=$(signed SELL 60000.00) \
    wrk -t"$threads" -c"$connections" -d"${seconds}s" -s bench/wrk/signed_orders.lua \
    "$paper_url/api/v3/order" >"$1"
  check_all_ok "$1"
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

"$build/bench/beast_hello" 0 "$hello_threads" >"$dir/hello.out" &
pids+=("$!")
for _ in $(seq 100); do [ -s "$dir/hello.out" ] && break; sleep 0.05; done
hello_url="http://127.0.0.1:$(head -1 "$dir/hello.out")"
start_paper

echo "wrk -t$threads -c$connections -d${seconds}s on 127.0.0.1, $rounds rounds (hello-world: $hello_threads threads, amanah-paper: $paper_threads)"
for r in $(seq "$rounds"); do
  wrk -t"$threads" -c"$connections" -d"${seconds}s" "$hello_url/" >"$dir/hello.$r"
  check_all_ok "$dir/hello.$r"
  run_orders "$dir/paper.$r"
  printf '  round %d: beast hello-world %10.0f req/s   amanah-paper signed orders %10.0f/s\n' \
    "$r" "$(rate "$dir/hello.$r")" "$(rate "$dir/paper.$r")"
done
hello=$(for r in $(seq "$rounds"); do rate "$dir/hello.$r"; done | median)
paper=$(for r in $(seq "$rounds"); do rate "$dir/paper.$r"; done | median)
awk -v h="$hello" -v p="$paper" 'BEGIN {
  printf "median: beast hello-world %.0f req/s, amanah-paper %.0f signed orders/s, ratio %.2f (target >= 0.35)\n", h, p, p / h }'

# Memory: a fresh paper exchange, a fixed number of orders, twice. wrk runs until the admin API
# counts the orders placed (wrk has no request-count option), then is stopped.
stats() { curl -s -H "Authorization: Bearer $(cat "$dir/token")" "$admin_url/admin/stats"; }
placed() { stats | sed -n 's/.*"orders_placed":\([0-9]*\).*/\1/p'; }
orders_until() {  # orders_until COUNT OUT: places orders until COUNT have been placed in all
  AMANAH_KEY=$key AMANAH_BUY=$(signed BUY 70000.00) AMANAH_SELL=$(signed SELL 60000.00) \
    wrk -t"$threads" -c"$connections" -d50s -s bench/wrk/signed_orders.lua \
    "$paper_url/api/v3/order" >"$2" &
  local wrk_pid=$!
  while [ "$(placed)" -lt "$1" ] && kill -0 "$wrk_pid" 2>/dev/null; do sleep 0.05; done
  kill -INT "$wrk_pid" 2>/dev/null || true
  wait "$wrk_pid" || true
  check_all_ok "$2"
  [ "$(placed)" -ge "$1" ] || { echo "paper_wrk: only $(placed) orders placed"; exit 1; }
}
kill "$paper_pid"
wait "$paper_pid" 2>/dev/null || true
start_paper
start_kib=$(rss_kib "$paper_pid")
orders_until "$orders" "$dir/mem.1"
first=$(placed)
first_kib=$(rss_kib "$paper_pid")
orders_until $((2 * orders)) "$dir/mem.2"
second=$(placed)
second_kib=$(rss_kib "$paper_pid")
kept=$(stats)
awk -v s="$start_kib" -v a="$first_kib" -v b="$second_kib" -v n1="$first" -v n2="$second" 'BEGIN {
  printf "memory (VmRSS): at start %.1f MiB; after %d orders %.1f MiB; after %d orders %.1f MiB\n", s / 1024, n1, a / 1024, n2, b / 1024
  printf "growth: %.0f bytes/order over the first %d, %.0f bytes/order over the next %d\n", (a - s) * 1024 / n1, n1, (b - a) * 1024 / (n2 - n1), n2 - n1 }'
echo "kept by the exchange (history retention, 100000 closed orders and 100000 trades by default): $kept"
