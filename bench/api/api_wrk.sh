#!/usr/bin/env bash
# The daemon's API under load and its memory per key, in one run on loopback:
#  (1) wrk -t2 -c32 --latency against `amanah serve` (2 I/O threads) answering an authenticated
#      GET /api/v1/connections (a Bearer personal access token checked against the store, the
#      tenant's connections read and each one's state MAC verified, JSON rendered), rounds
#      alternating with an independent Beast hello-world (bench/wrk/beast_hello.cc) on the same
#      2 cores; medians of requests/s and of p99 latency, and the ratio;
#  (2) the resident memory of `amanah serve` over 10 000 stored connections (each connected
#      through the key service against amanah-paper) once its re-audit scheduler has planned them
#      all, against the same daemon over an empty store: (RSS_10k - RSS_0) / 10 000 per key.
# Usage: api_wrk.sh BUILD_DIR   (AMANAH_API_ROUNDS, _SECONDS, _KEYS)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build="${1:-build/release}"
rounds="${AMANAH_API_ROUNDS:-3}"
seconds="${AMANAH_API_SECONDS:-10}"
keys="${AMANAH_API_KEYS:-10000}"
dir=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
amanah="$build/src/cli/amanah"
export AMANAH_PASSWORD_MEMORY_KIB=65536 AMANAH_EGRESS_IPS=127.0.0.1

# A paper exchange with $keys trading keys on one account, its limits out of the way.
{
  cat <<'TOML'
[[markets]]
symbol = "BTCUSDT"
base = "BTC"
quote = "USDT"
tick_size = "0.01"
step_size = "0.00001"
min_notional = "5"
start_price = "65000.00"
level_qty = "10"

[[accounts]]
venue = "binance"
name = "bench"
balances = { USDT = "1000", BTC = "1" }

[limits.binance]
weight_per_minute = 1000000000
sapi_weight_per_minute = 1000000000
orders_per_10s = 1000000000
orders_per_day = 1000000000
TOML
  for i in $(seq -w 1 "$keys"); do
    printf '\n[[keys]]\nname = "k%s"\naccount = "bench"\ntype = "hmac"\npermissions = { read = true, spot_trade = true }\nip_whitelist = ["127.0.0.1"]\n' "$i"
  done
} >"$dir/scenario.toml"
"$build/paper/amanah-paper" --scenario "$dir/scenario.toml" --keys-out "$dir/keys" \
  --admin-token-file "$dir/paper.token" >"$dir/paper.out" 2>"$dir/paper.err" &
pids+=("$!")
for _ in $(seq 200); do [ -s "$dir/paper.out" ] && break; sleep 0.05; done
paper_url=$(sed -n 's/.*"binance":"\([^"]*\)".*/\1/p' "$dir/paper.out")
[ -n "$paper_url" ] || { cat "$dir/paper.err"; echo "api_wrk: amanah-paper did not start"; exit 1; }

mkdir "$dir/few"
for f in $(ls "$dir/keys" | head -3); do cp "$dir/keys/$f" "$dir/few/"; done
echo "seeding: $("$build/bench/api_seed" "$dir/small" "$dir/few" "$paper_url") (the tenant wrk reads)"
echo "seeding: $("$build/bench/api_seed" "$dir/big" "$dir/keys" "$paper_url")"
"$amanah" --data-dir "$dir/empty" vault init >/dev/null
(umask 077; head -c 18 /dev/urandom | base64 >"$dir/password")
for d in small big empty; do
  "$amanah" --data-dir "$dir/$d" user add bench --owner --password-file "$dir/password" >/dev/null
done
token=$("$amanah" --data-dir "$dir/small" token create --user bench --name wrk --scopes read 2>/dev/null)

serve() {  # serve DATA_DIR NAME: starts amanah serve; sets serve_pid and serve_url
  "$amanah" --data-dir "$1" serve --listen 127.0.0.1:0 --port-file "$dir/$2.port" 2>"$dir/$2.err" &
  serve_pid=$!
  pids+=("$serve_pid")
  for _ in $(seq 200); do [ -s "$dir/$2.port" ] && break; sleep 0.05; done
  [ -s "$dir/$2.port" ] || { cat "$dir/$2.err"; echo "api_wrk: amanah serve did not start"; exit 1; }
  serve_url="http://127.0.0.1:$(cat "$dir/$2.port")"
}
rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$1"; }
p99_ms() {  # wrk --latency prints "99%  1.23ms" (or us / s)
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' "$1"
}
check_all_ok() {
  if grep -q 'Non-2xx or 3xx' "$1"; then cat "$1"; echo "api_wrk: some requests were refused"; exit 1; fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

"$build/bench/beast_hello" 0 2 >"$dir/hello.out" &
pids+=("$!")
for _ in $(seq 100); do [ -s "$dir/hello.out" ] && break; sleep 0.05; done
hello_url="http://127.0.0.1:$(head -1 "$dir/hello.out")"
serve "$dir/small" small
curl -sf -H "Authorization: Bearer $token" "$serve_url/api/v1/connections" | grep -q '"label"' ||
  { echo "api_wrk: the authenticated call does not answer the connections"; exit 1; }

echo "wrk -t2 -c32 -d${seconds}s --latency on 127.0.0.1, $rounds rounds (both servers: 2 threads)"
for r in $(seq "$rounds"); do
  wrk -t2 -c32 -d"${seconds}s" --latency "$hello_url/" >"$dir/hello.$r"
  check_all_ok "$dir/hello.$r"
  wrk -t2 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $token" \
    "$serve_url/api/v1/connections" >"$dir/api.$r"
  check_all_ok "$dir/api.$r"
  printf '  round %d: beast hello-world %8.0f req/s (p99 %s ms)   amanah GET /api/v1/connections %8.0f req/s (p99 %s ms)\n' \
    "$r" "$(rate "$dir/hello.$r")" "$(p99_ms "$dir/hello.$r")" "$(rate "$dir/api.$r")" "$(p99_ms "$dir/api.$r")"
done
hello=$(for r in $(seq "$rounds"); do rate "$dir/hello.$r"; done | median)
api=$(for r in $(seq "$rounds"); do rate "$dir/api.$r"; done | median)
api_p99=$(for r in $(seq "$rounds"); do p99_ms "$dir/api.$r"; done | median)
awk -v h="$hello" -v a="$api" -v p="$api_p99" 'BEGIN {
  printf "median: beast hello-world %.0f req/s; amanah authenticated GET /api/v1/connections %.0f req/s (target >= 10000), p99 %.2f ms (target <= 10), ratio %.2f\n", h, a, p, a / h }'
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true

# Memory per key: the same daemon over an empty store, then over $keys connections, each measured
# once its scheduler has planned every key (the plan's gauge says how many it holds).
planned() { curl -s "$1/metrics" | sed -n 's/^amanah_reaudit_keys{exchange="binance"} \([0-9]*\)/\1/p'; }
serve "$dir/empty" empty
sleep 2
empty_kib=$(rss_kib "$serve_pid")
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
serve "$dir/big" big
for _ in $(seq 600); do [ "$(planned "$serve_url")" = "$keys" ] && break; sleep 0.1; done
[ "$(planned "$serve_url")" = "$keys" ] || { echo "api_wrk: the scheduler did not plan $keys keys"; exit 1; }
curl -s -H "Authorization: Bearer $token" "$serve_url/metrics" >/dev/null
sleep 1
big_kib=$(rss_kib "$serve_pid")
period=$(curl -s "$serve_url/metrics" | sed -n 's/^amanah_reaudit_period_seconds{exchange="binance"} \([0-9]*\)/\1/p')
awk -v e="$empty_kib" -v b="$big_kib" -v n="$keys" -v p="$period" 'BEGIN {
  printf "memory (VmRSS): amanah serve over an empty store %.1f MiB, over %d connections with their re-audits scheduled %.1f MiB: %.2f KiB per key (target <= 64); each key re-audited every %d s\n", e / 1024, n, b / 1024, (b - e) / n, p }'
