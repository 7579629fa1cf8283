"""One table of strings: every user-facing text lives in netralitas/i18n.py, in both languages.

A text written inline as `"Pengguna" if ID else "Users"` escapes the table: nobody can check that it
exists in both languages, that the two carry the same values, or find it when the wording changes.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

from conftest import ROOT

from netralitas.i18n import STRINGS

# Where a choice by language is data, not text: the thousands/decimal separators plotly is given. Every
# user-facing text goes through the table; i18n.py itself holds the one choice of a pair's place.
ALLOWED_FOR_NOW = {"netralitas/style.py": 1, "netralitas/i18n.py": 1}


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_string_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, pair in STRINGS.items():
        if not (isinstance(pair, tuple) and len(pair) == 2):
            problems.append(f"{key}: not an (Indonesian, English) pair")
            continue
        id_text, en_text = pair
        if not id_text.strip() or not en_text.strip():
            problems.append(f"{key}: an empty text")
        elif placeholders(id_text) != placeholders(en_text):
            problems.append(
                f"{key}: placeholders differ, {sorted(placeholders(id_text))} vs {sorted(placeholders(en_text))}"
            )
    assert not problems, "STRINGS entries to fix:\n" + "\n".join(problems)


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _mentions_language(node: ast.expr) -> bool:
    return any(
        (isinstance(n, ast.Name) and n.id in ("ID", "lang"))
        or (isinstance(n, ast.Attribute) and n.attr == "lang")
        for n in ast.walk(node)
    )


def _is_pair_index(node: ast.IfExp) -> bool:
    """`0 if ID else 1`: picking a side of an (id, en) pair by hand."""
    sides = (node.body, node.orelse)
    return all(isinstance(n, ast.Constant) and type(n.value) is int for n in sides)


def inline_choices(path: Path) -> list[int]:
    """Lines of `"text" if <language test> else "text"` (string literals or f-strings on both sides) and of
    `pair[0 if <language test> else 1]`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.IfExp)
        and ((_is_text(n.body) and _is_text(n.orelse)) or _is_pair_index(n))
        and _mentions_language(n.test)
    )


def scanned_files() -> list[Path]:
    return sorted([*(ROOT / "views").glob("*.py"), ROOT / "app.py", *(ROOT / "netralitas").rglob("*.py")])


def test_the_scanner_finds_an_inline_choice(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text(
        'a = "Pengguna" if ID else "Users"\nb = f"{n} baris" if lang == "id" else f"{n} rows"\n'
        'c = TITLES[k][0 if lang == "id" else 1]\nd = 3 if big else 4\n'
    )
    assert inline_choices(sample) == [1, 2, 3]


def test_no_new_inline_bilingual_strings():
    problems = []
    for path in scanned_files():
        name = path.relative_to(ROOT).as_posix()
        lines = inline_choices(path)
        allowed = ALLOWED_FOR_NOW.get(name, 0)
        if len(lines) > allowed:
            where = ", ".join(f"{name}:{line}" for line in lines)
            problems.append(
                f"{name} has {len(lines)} inline bilingual strings (allowed {allowed}): {where}. "
                "Put the text in netralitas/i18n.py STRINGS and read it with t(key, lang)."
            )
    assert not problems, "\n".join(problems)


def test_every_map_metric_is_labelled_from_the_one_table():
    """The map's metric names are their labels' keys (no table of its own beside netralitas/i18n.py)."""
    from netralitas.i18n import STRINGS, t
    from netralitas.mapmetrics import METRICS

    for metric in METRICS:
        assert metric in STRINGS, metric
        assert t(metric, "id") != t(metric, "en")
