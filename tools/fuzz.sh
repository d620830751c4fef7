#!/usr/bin/env bash
# Coverage-guided fuzzing with Jazzer's command line: each decoder (from the small files DecoderSeeds generates,
# with lame, oggenc, opusenc and flac for the compressed ones) and the model-file reader (from its seed under
# sentio-inference/src/test/resources/dev/sentio/model/ModelBundleFuzzTestInputs/read).
# Usage: tools/fuzz.sh [-runs=N | -max_total_time=S] [wav aiff flac mp3 vorbis opus bundle]   (default: all, 30 s each)
# A crash, hang or OutOfMemoryError stops with the input saved; rebuild it as a regression test in DecoderFuzzTest
# (or keep it in ModelBundleFuzzTestInputs/read for the model reader).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
limit="-max_total_time=30"
if [ $# -gt 0 ] && [[ "$1" == -* ]]; then limit="$1"; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(wav aiff flac mp3 vorbis opus bundle)
# the test classpath of each module, resolved in the reactor (sibling modules as their target/classes)
classpath() {
  local module="$1" cp
  cp="$here/$module/target/fuzz-classpath.txt"
  (cd "$here" && ./mvnw -q -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cp") >&2
  echo "$here/$module/target/test-classes:$here/$module/target/classes:$(cat "$cp")"
}
core_cp="$(classpath sentio-core)"
inference_cp="$(classpath sentio-inference)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$core_cp" dev.sentio.audio.DecoderSeeds "$work/seeds"
for t in "${targets[@]}"; do
  if [ "$t" = bundle ]; then
    cp="$inference_cp" target=dev.sentio.model.ModelBundleFuzzTarget
    seeds="$here/sentio-inference/src/test/resources/dev/sentio/model/ModelBundleFuzzTestInputs/read"
  else
    cp="$core_cp" target=dev.sentio.audio.DecoderFuzzTarget
    seeds="$work/seeds/$t"
  fi
  corpus="$work/$t"
  mkdir -p "$corpus"
  cp "$seeds"/* "$corpus"/ 2>/dev/null || echo "fuzz: no seeds for $t (is its encoder installed?); starting empty" >&2
  echo "== $t ($limit)" >&2
  start=$(date +%s)
  # -rss_limit_mb and -timeout: an input that takes 2 GB or 10 s counts as a finding, as a crash does
  (cd "$work" && java -Xmx1g -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class="$target" \
    --instrumentation_includes='dev.sentio.**:org.jflac.**:javazoom.**:org.tritonus.**:com.jcraft.**:io.github.jaredmdobson.**:com.fasterxml.**' \
    "$limit" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus" >"$work/$t.out" 2>"$work/$t.log") \
    || { tail -40 "$work/$t.log" >&2; echo "fuzz: $t FAILED (the input is in $work, kept)" >&2; trap - EXIT; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$' || echo "?")
  echo "$t: $runs executions in $(( $(date +%s) - start )) s, no crash, hang or OutOfMemoryError"
done
