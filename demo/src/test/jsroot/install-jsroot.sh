#!/usr/bin/env bash
# Installs the npm package jsroot (ROOT's JavaScript histogram drawing) into $1/node_modules for the browser
# test that draws our TH1 JSON exports with it. Run by the demo module's build before its tests; does nothing
# when that version is already there. --ignore-scripts: jsroot's optional 'canvas' dependency would try to
# download a native binary (see docs/archive.md).
set -euo pipefail
version=7.11.2
dir=$1
if grep -qs "\"version\": \"$version\"" "$dir/node_modules/jsroot/package.json"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "the JSROOT browser test needs npm (Node.js): apt-get install -y npm, then build again" >&2
  exit 2
fi
mkdir -p "$dir"
echo "installing jsroot@$version into $dir (npm)…" >&2
npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund --omit=optional --loglevel=error "jsroot@$version" >&2
