#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine (as root) and runs the main job on the bundled
# sample: tocsin extract on the founding article (French, 13 September 2022).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOCSIN_PYTHON=ON >/dev/null
ninja -C build
bash scripts/install-python.sh build   # /usr/bin/python3 -c "import tocsin" (doc/python.md)
echo
echo "== build/tocsin extract --date 2022-09-13 --format pretty samples/armenia-azerbaijan-2022-09-13.fr.txt"
./build/tocsin extract --date 2022-09-13 --format pretty samples/armenia-azerbaijan-2022-09-13.fr.txt
