#!/usr/bin/env bash
# Lists the longest function definitions of the C++ sources, longest first:
#   scripts/longest-functions.sh [-n N] [DIR_OR_FILE...]     (default: the top 20 of src/)
# Length = lines from the line of the function's name to its closing brace. A brace-matching
# scan of the code with comments, strings and character literals blanked out: a `{` outside any
# function body opens one when the text before it (since the last `;`, `{` or `}`) has a
# parameter list and is no namespace, class, struct, enum, union nor initialiser (`= {`).
# Lambdas and local classes count towards the function that holds them.
set -euo pipefail
cd "$(dirname "$0")/.."
top=20
if [[ "${1:-}" == "-n" ]]; then top=$2; shift 2; fi
[[ $# -gt 0 ]] || set -- src
exec python3 - "$top" "$@" <<'PY'
import os, re, sys

top = int(sys.argv[1])
paths = sys.argv[2:]

def files():
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, _, names in os.walk(p):
            for n in sorted(names):
                if n.endswith((".cc", ".h", ".cpp", ".hpp")):
                    yield os.path.join(root, n)

def blank(src):
    """Comments, string and char literals replaced by spaces (newlines kept)."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j])); i = j
        elif c == 'R' and src.startswith('R"', i) and (i == 0 or not (src[i-1].isalnum() or src[i-1] == '_')):
            m = re.match(r'R"([^(\s]*)\(', src[i:])
            if not m:
                out.append(c); i += 1; continue
            end = src.find(")" + m.group(1) + '"', i)
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j])); i = j
        elif c in "\"'":
            if c == "'" and i > 0 and src[i-1].isalnum():  # digit separator 1'000
                out.append(" "); i += 1; continue
            j = i + 1
            while j < n and src[j] != c and src[j] != "\n":
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * (j - i - 2) + (c if j - i >= 2 else "")); i = j
        else:
            out.append(c); i += 1
    return "".join(out)

NOT_FUNC = re.compile(r"^\s*(template\s*<.*>\s*)?(namespace|class|struct|enum|union|extern)\b", re.S)
CONTROL = re.compile(r"\b(if|for|while|switch|catch|do)\s*\($")

def name_of(header):
    h = re.sub(r"\s+", " ", header).strip()
    m = re.search(r"([~\w:<>]+(?:operator\s*\S+)?)\s*\(", h)
    return m.group(1) if m else h[:60]

def zero_depth_eq(header):
    depth = 0
    for k, ch in enumerate(header):
        if ch in "(<[": depth += 1
        elif ch in ")>]": depth -= 1
        elif ch == "=" and depth <= 0:
            prev = header[k-1] if k else ""
            nxt = header[k+1] if k + 1 < len(header) else ""
            if prev not in "=!<>" and nxt != "=" and not header[:k].rstrip().endswith("operator"):
                return True
    return False

results = []
for path in files():
    try:
        src = blank(open(path, encoding="utf-8", errors="replace").read())
    except OSError:
        continue
    depth = 0
    func_depth = None   # brace depth at which the current function body opened
    func_start = func_name = None
    header_start = 0
    for i, ch in enumerate(src):
        if ch == "{":
            if func_depth is None:
                header = src[header_start:i]
                if "(" in header and ")" in header and not NOT_FUNC.match(header) \
                        and not zero_depth_eq(header) and not CONTROL.search(header.strip()):
                    func_depth = depth
                    name = name_of(header)
                    # the line of the name, not of a leading template<> or comment gap
                    pos = header_start + max(header.find(name.split("::")[-1]), 0)
                    func_start = src.count("\n", 0, pos) + 1
                    func_name = name
            depth += 1
            header_start = i + 1
        elif ch == "}":
            depth -= 1
            if func_depth is not None and depth == func_depth:
                end_line = src.count("\n", 0, i) + 1
                results.append((end_line - func_start + 1, func_name, path, func_start))
                func_depth = None
            header_start = i + 1
        elif ch == ";":
            header_start = i + 1
        elif ch == "#" and (i == 0 or src[i-1] == "\n"):
            # skip preprocessor lines
            header_start = src.find("\n", i) + 1 if src.find("\n", i) >= 0 else len(src)
results.sort(key=lambda r: (-r[0], r[2], r[3]))
for length, name, path, line in results[:top]:
    print(f"{length:5d}  {name}  {path}:{line}")
PY
