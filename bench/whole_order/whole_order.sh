#!/usr/bin/env bash
# A whole order, end to end on loopback, in one run and against one amanah-paper: (1) Amanah's
# engine (bench/whole_order/whole_order.cc: standing, exchange facts, seven checks, durable pending
# row + journal, signed POST, answer recorded + journaled) and (2) the npm ccxt package's
# createOrder (one signed POST, markets loaded once) — the same marketable IOC orders, one after
# another. Rounds alternate; the medians of the per-order medians and their ratio are reported.
# Usage: whole_order.sh BUILD_DIR   (AMANAH_WHOLE_ORDER_ROUNDS, AMANAH_WHOLE_ORDER_ORDERS)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build="${1:-build/release}"
rounds="${AMANAH_WHOLE_ORDER_ROUNDS:-3}"
orders="${AMANAH_WHOLE_ORDER_ORDERS:-300}"
dir=$(mktemp -d)
paper_pid=
cleanup() { [ -n "$paper_pid" ] && kill "$paper_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

"$build/paper/amanah-paper" --scenario bench/whole_order/scenario.toml --keys-out "$dir" \
  >"$dir/paper.out" 2>"$dir/paper.err" &
paper_pid=$!
for _ in $(seq 100); do [ -s "$dir/paper.out" ] && break; sleep 0.05; done
url=$(sed -n 's/.*"binance":"\([^"]*\)".*/\1/p' "$dir/paper.out")
[ -n "$url" ] || { cat "$dir/paper.err"; echo "whole_order: amanah-paper did not start"; exit 1; }

field() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "whole orders on 127.0.0.1: $orders per client per round, $rounds rounds, one at a time"
for r in $(seq "$rounds"); do
  "$build/bench/whole_order" "$url" "$dir/bench.key" "$orders" >"$dir/amanah.$r"
  node bench/whole_order/ccxt_orders.mjs "$url" "$dir/bench.key" "$orders" >"$dir/ccxt.$r"
  printf '  round %d: amanah engine p50 %8.1f us (p90 %8.1f)   ccxt createOrder p50 %8.1f us (p90 %8.1f)\n' \
    "$r" "$(field median_us "$dir/amanah.$r")" "$(field p90_us "$dir/amanah.$r")" \
    "$(field median_us "$dir/ccxt.$r")" "$(field p90_us "$dir/ccxt.$r")"
done
ours=$(for r in $(seq "$rounds"); do field median_us "$dir/amanah.$r"; done | median)
theirs=$(for r in $(seq "$rounds"); do field median_us "$dir/ccxt.$r"; done | median)
awk -v a="$ours" -v c="$theirs" 'BEGIN {
  printf "median per order: amanah engine %.1f us, ccxt createOrder %.1f us, ratio %.2fx (amanah / ccxt)\n", a, c, a / c }'
