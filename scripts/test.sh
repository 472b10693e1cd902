#!/usr/bin/env bash
# Runs every test: unit, golden extraction cases and CLI tests in a normal build, then the same
# tests in an AddressSanitizer + UndefinedBehaviorSanitizer build. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc)

echo "== build (Release) and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOCSIN_PYTHON=ON >/dev/null
ninja -C build
# Throw-away PostgreSQL (PostGIS) and NATS JetStream servers for the PostgreSQL store and fleet
# tests (doc/scale-out.md); without them those tests are skipped and the rest runs.
svc=$(mktemp -d /tmp/tocsin-svc.XXXXXX)
trap 'bash scripts/services.sh stop "$svc"' EXIT
svc_env=$(bash scripts/services.sh start "$svc") && eval "$svc_env" ||
  echo "tocsin: PostgreSQL/NATS could not start: their tests are skipped"
(cd build && ctest --output-on-failure -j "$jobs")
bash scripts/services.sh stop "$svc"
unset TOCSIN_TEST_PG TOCSIN_TEST_NATS
echo "== Python module (pytest, python/tests)"
bash scripts/test-python.sh build

echo "== build (ASan+UBSan) and tests"
# Without the Python module: pytest is not run under the sanitizers (doc/python.md says why).
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTOCSIN_SANITIZE=ON \
  -DTOCSIN_BUILD_BENCH=OFF >/dev/null
ninja -C build-asan
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "$jobs")

echo "== fuzz targets (clang, libFuzzer + ASan + UBSan), ${TOCSIN_FUZZ_SECONDS:-5} s each"
bash scripts/fuzz.sh "${TOCSIN_FUZZ_SECONDS:-5}"
