#!/usr/bin/env python3
"""Fails when two source files of one directory define the same name at file scope in an anonymous
namespace (or as a static function).

The sanitizer builds are unity builds: CMake compiles each target's sources eight to a translation
unit, so two such files' `Options`, `kColumns` or `D()` meet in one unit — a redefinition, or worse,
an overload that quietly wins. Which files share a unit changes whenever a file is added, so the
check covers every pair, not only today's batches. Rename one (`JournalOptions`), or when the two
are the same code, fold them into one header.
"""
import collections
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
DECLS = [
    re.compile(r"^(?:template\s*<[^>]*>\s*)?(?:struct|class|union|enum(?:\s+class)?)\s+(\w+)\s*(?:[:{;]|final|$)"),
    re.compile(r"^using\s+(\w+)\s*="),
    re.compile(r"^(?:(?:static|inline|constexpr|const|constinit|thread_local)\s+)*"
               r"[A-Za-z_][\w:<>,\s\*&]*?[\s\*&>](\w+)\s*(?:=|\{|\[|;|\()"),
]
KEYWORDS = {"operator", "return", "if", "for", "while", "switch"}


def strip(text):
    """Comments and string literals out, keeping the lines: one pass, so that a "//" inside a
    string (a URL) is not taken for a comment."""
    token = re.compile(r'R"(\w*)\((.*?)\)\1"|/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])+\'',
                       re.S)

    def keep(m):
        t = m.group(0)
        lines = "\n" * t.count("\n")
        return ('""' + lines) if t[0] in "R\"'" else lines

    return token.sub(keep, text)


def enclosing_namespace(text, pos):
    """The named namespace open at `pos` ("amanah::exchange::bybit"): two files' anonymous
    namespaces inside different named namespaces do not meet in a unity unit."""
    opened = [m.group(1) for m in re.finditer(r"^namespace\s+([\w:]+)\s*\{", text[:pos], re.M)]
    return opened[-1] if opened else ""


def file_scope_names(path):
    text = strip(path.read_text(errors="replace"))
    names = set()
    for m in re.finditer(r"^namespace\s*\{", text, re.M):
        i, depth = m.end(), 1
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        level = 0
        for line in text[m.end():i].split("\n"):
            if level == 0 and line and not line[0].isspace() and not line.startswith(("}", "#", "namespace")):
                for decl in DECLS:
                    d = decl.match(line)
                    if d and d.group(1) not in KEYWORDS:
                        names.add(enclosing_namespace(text, m.start()) + "::" + d.group(1))
                        break
            level += line.count("{") - line.count("}")
    for m in re.finditer(r"^static\s+[\w:<>,\s\*&]+?\b(\w+)\s*\(", text, re.M):
        names.add(enclosing_namespace(text, m.start()) + "::" + m.group(1))
    return names


by_dir = collections.defaultdict(lambda: collections.defaultdict(list))
for top in ("src", "tests", "paper", "bench", "fuzz"):
    for path in sorted((root / top).glob("**/*.cc")):
        if "node_modules" in path.parts:
            continue
        rel = path.relative_to(root)
        group = "/".join(rel.parts[:2]) if top in ("src", "tests") else top
        for name in file_scope_names(path):
            by_dir[group][name].append(str(rel))
bad = [f"{group}: `{name}` in {', '.join(files)}"
       for group, names in sorted(by_dir.items())
       for name, files in sorted(names.items()) if len(files) > 1]
if bad:
    print("\n".join(bad))
    print(__doc__)
    sys.exit(1)
