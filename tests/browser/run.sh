#!/usr/bin/env bash
# Browser test of the dashboard (CTest "dashboard_browser"): headless Debian chromium driven by
# npm playwright-core. Usage: run.sh TOCSIN_BINARY OUT_DIR
# The server is `tocsin serve --db` on the seed article ingested into a temporary store;
# TOCSIN_BROWSER_BACKEND=demo runs it on `tocsin serve --demo` instead.
# Exit 77 (skipped) only when node or chromium is absent; everything else is a real result.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tocsin=${1:?usage: run.sh TOCSIN_BINARY OUT_DIR}
out=${2:?usage: run.sh TOCSIN_BINARY OUT_DIR}

if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: node is not installed (apt-get install nodejs)"
  exit 77
fi
chromium=${TOCSIN_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium is not installed (apt-get install chromium)"
  exit 77
fi
export TOCSIN_THIRD_PARTY=${TOCSIN_THIRD_PARTY:-$root/third_party/node_modules}
if [ "${3:-}" = "world" ]; then  # dashboard_world_browser: tests/browser/world.spec.mjs
  exec node "$here/world.spec.mjs" --tocsin "$tocsin" --out "$out" --chromium "$chromium" --root "$root"
fi
exec node "$here/dashboard.spec.mjs" --tocsin "$tocsin" --out "$out" --chromium "$chromium" \
  --sample "$root/samples/armenia-azerbaijan-2022-09-13.fr.txt" \
  --post "$root/tests/data/serve/post_document.json" \
  --backend "${TOCSIN_BROWSER_BACKEND:-db}"
