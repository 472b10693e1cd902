#!/usr/bin/env bash
# Makes Debian's /usr/bin/python3 import the tocsin module built in BUILD_DIR (default build/,
# configured with -DTOCSIN_PYTHON=ON): writes tocsin.pth, which names BUILD_DIR/python, into the
# interpreter's /usr/local site directory, so `import tocsin` works with no PYTHONPATH. The
# module keeps using BUILD_DIR's compiled data and the checkout's data/ (doc/python.md).
# Run by scripts/setup.sh (as root). TOCSIN_PTH_DIR overrides the directory (tests).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="$(cd "${1:-build}" && pwd)"
python=/usr/bin/python3
ls "$build_dir"/python/tocsin/_tocsin*.so >/dev/null 2>&1 || {
  echo "install-python.sh: no module in $build_dir/python/tocsin; configure with -DTOCSIN_PYTHON=ON and build" >&2
  exit 2
}
site_dir="${TOCSIN_PTH_DIR:-$("$python" -c 'import site; print(site.getsitepackages()[0])')}"
if ! { mkdir -p "$site_dir" && echo "$build_dir/python" > "$site_dir/tocsin.pth"; } 2>/dev/null; then
  echo "install-python.sh: cannot write $site_dir/tocsin.pth (run as root, or use" \
       "PYTHONPATH=$build_dir/python)" >&2
  exit 1
fi
if [ -z "${TOCSIN_PTH_DIR:-}" ]; then
  (cd / && env -u PYTHONPATH "$python" -c 'import tocsin; print("tocsin: python module", tocsin.__file__)')
else
  echo "tocsin: wrote $site_dir/tocsin.pth"
fi
