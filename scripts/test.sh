#!/usr/bin/env bash
# Runs every test: unit, golden extraction cases and CLI tests in a normal build, then the same
# tests in an AddressSanitizer + UndefinedBehaviorSanitizer build. Installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc)

echo "== build (Release) and tests"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build
(cd build && ctest --output-on-failure -j "$jobs")

echo "== build (ASan+UBSan) and tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTOCSIN_SANITIZE=ON \
  -DTOCSIN_BUILD_BENCH=OFF >/dev/null
ninja -C build-asan
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j "$jobs")

echo "== fuzz targets (clang, libFuzzer + ASan + UBSan), ${TOCSIN_FUZZ_SECONDS:-5} s each"
bash scripts/fuzz.sh "${TOCSIN_FUZZ_SECONDS:-5}"
