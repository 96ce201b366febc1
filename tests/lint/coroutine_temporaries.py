#!/usr/bin/env python3
"""Fails when a braced temporary is passed as an argument inside a co_await expression.

GCC 12 (Debian 12's compiler) destroys such a temporary twice when it is passed by value to a
coroutine (`co_await f(Request{"GET", ...})` frees the strings of the Request twice; a named local
moved in is fine). Build the argument on its own line, then `co_await f(std::move(arg))`.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
bad = []
for path in sorted(list(root.glob("src/**/*.cc")) + list(root.glob("paper/**/*.cc")) +
                   list(root.glob("tests/**/*.cc"))):
    if "node_modules" in path.parts:
        continue
    # Comments out (line by line, keeping line numbers).
    text = re.sub(r"//[^\n]*", "", path.read_text(errors="replace"))
    for m in re.finditer(r"\bco_await\b", text):
        end = text.find(";", m.start())
        statement = text[m.start():end]
        # A type name or template argument list followed by a brace: a braced temporary.
        if re.search(r"[A-Za-z0-9_>]\s*\{", statement):
            line = text.count("\n", 0, m.start()) + 1
            bad.append(f"{path}:{line}: braced temporary inside co_await: "
                       + " ".join(statement.split())[:120])
if bad:
    print("\n".join(bad))
    print(__doc__)
    sys.exit(1)
print("no braced temporaries inside co_await")
