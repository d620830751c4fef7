#!/usr/bin/env bash
# Fetches the Silero VAD model (v5, MIT licence; https://github.com/snakers4/silero-vad) for `--vad silero`,
# from the npm package @ricky0123/vad-web that ships it, and checks both checksums.
# Usage: tools/fetch-silero-vad.sh [TARGET_FILE]   (default: ~/.cache/sentio/silero/silero_vad_v5.onnx)
set -euo pipefail
target="${1:-$HOME/.cache/sentio/silero/silero_vad_v5.onnx}"
url="https://registry.npmjs.org/@ricky0123/vad-web/-/vad-web-0.0.31.tgz"
package_sha256="d1a211cf1a2ed26297da52cc08de79e75d79838a274bfc6de546feb1f828c940"
model_sha256="2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f"
if [ -f "$target" ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" = "$model_sha256" ]; then
  echo "$target: already there"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
curl -sSfL --retry 3 -o "$tmp/vad-web.tgz" "$url"
echo "$package_sha256  $tmp/vad-web.tgz" | sha256sum -c --quiet
tar xzf "$tmp/vad-web.tgz" -C "$tmp" package/dist/silero_vad_v5.onnx
echo "$model_sha256  $tmp/package/dist/silero_vad_v5.onnx" | sha256sum -c --quiet
mkdir -p "$(dirname "$target")"
mv -f "$tmp/package/dist/silero_vad_v5.onnx" "$target.tmp" && mv -f "$target.tmp" "$target"
echo "$target: fetched"
