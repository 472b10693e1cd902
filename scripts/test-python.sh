#!/usr/bin/env bash
# The Python module's pytest suite (python/tests/) against the module of BUILD_DIR (default
# build/, configured with -DTOCSIN_PYTHON=ON), with Debian's /usr/bin/python3. Run by
# scripts/test.sh after the Release ctest. Fails when pytest collects no test (its exit 5).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="$(cd "${1:-build}" && pwd)"
ls "$build_dir"/python/tocsin/_tocsin*.so >/dev/null 2>&1 || {
  echo "test-python.sh: no module in $build_dir/python/tocsin; configure with -DTOCSIN_PYTHON=ON and build" >&2
  exit 1
}
status=0
PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$build_dir/python" TOCSIN_DATA_DIR="$build_dir/data" TOCSIN_BINARY="$build_dir/tocsin" \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider python/tests || status=$?
if ((status == 5)); then
  echo "test-python.sh: pytest collected no tests in python/tests (exit 5): that is a failure" >&2
  exit 1
fi
exit "$status"
