#!/usr/bin/env bash
# Files per second: `sentio spark predict` on local[1] and local[2] against `sentio predict` (one process), on the
# same files, side by side in one run. Inputs: N files made by repeating the shared corpora (symbolic links).
# Usage: tools/bench-spark.sh [N...]   (default: 1000 10000); prints a Markdown table.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
shared="${SENTIO_SHARED:-$here/../shared}"
sizes=("${@:-1000 10000}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t corpus < <(find "$shared/corpora/emodb" "$shared/corpora/ravdess" "$shared/corpora/tess" \
  "$shared/corpora/nemo" -type f -name '*.flac' | sort)
[ ${#corpus[@]} -gt 0 ] || { echo "no corpora under $shared/corpora" >&2; exit 1; }
"$here/sentio" --version >/dev/null
"$here/sentio" spark --version >/dev/null
calc() { awk "BEGIN { print $1 }"; }
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; t1=$(date +%s.%N); calc "$t1 - $t0"; }
sizes_done=(); cli_s=(); one_s=(); two_s=()
echo "| files | sentio predict (1 process) | spark local[1] | spark local[2] | local[2] / predict |"
echo "|---|---|---|---|---|"
for n in ${sizes[*]}; do
  in="$work/in$n"
  mkdir -p "$in"
  for ((i = 0; i < n; i++)); do
    f="${corpus[i % ${#corpus[@]}]}"
    ln -s "$f" "$in/$((i / ${#corpus[@]}))_$(basename "$f")"
  done
  cli=$(seconds "$here/sentio" predict "$in")
  one=$(seconds "$here/sentio" spark predict --master 'local[1]' --out "$work/out1" "$in")
  two=$(seconds "$here/sentio" spark predict --master 'local[2]' --out "$work/out2" "$in")
  rm -rf "$work/out1" "$work/out2"
  sizes_done+=("$n"); cli_s+=("$cli"); one_s+=("$one"); two_s+=("$two")
  printf '| %d | %.1f files/s (%.0f s) | %.1f files/s (%.0f s) | %.1f files/s (%.0f s) | %.2f |\n' "$n" \
    "$(calc "$n / $cli")" "$cli" "$(calc "$n / $one")" "$one" "$(calc "$n / $two")" "$two" "$(calc "$cli / $two")"
done
# Each more file's cost, the start-up (JVM, Spark session, code generation) taken out: between the first and last size.
if [ ${#sizes_done[@]} -ge 2 ]; then
  last=$((${#sizes_done[@]} - 1))
  dn=$((sizes_done[last] - sizes_done[0]))
  printf '\nBetween %d and %d files (start-up excluded): predict %.1f files/s, local[1] %.1f files/s, local[2] %.1f files/s\n' \
    "${sizes_done[0]}" "${sizes_done[last]}" "$(calc "$dn / (${cli_s[last]} - ${cli_s[0]})")" \
    "$(calc "$dn / (${one_s[last]} - ${one_s[0]})")" "$(calc "$dn / (${two_s[last]} - ${two_s[0]})")"
fi
