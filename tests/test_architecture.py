"""The import rules of the layered architecture, checked on the source (see conventions)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parents[1] / "bot"

# layer -> what it must not import ("bot" alone means: no other bot module except bot.errors)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "bot.models": ("bot", "slack_bolt", "slack_sdk", "chromadb", "langchain", "langchain_core"),
    "bot.errors": ("bot", "slack_bolt", "slack_sdk", "chromadb", "langchain", "langchain_core"),
    "bot.config": ("bot", "slack_bolt", "slack_sdk", "chromadb", "langchain", "langchain_core"),
    "bot.knowledge": (
        "slack_bolt",
        "slack_sdk",
        "chromadb",
        "langchain",
        "langchain_core",
        "bot.llm",
        "bot.retrieval",
        "bot.scoring",
        "bot.advisor",
        "bot.slack",
        "bot.config",
    ),
    "bot.scoring": (
        "slack_bolt",
        "slack_sdk",
        "chromadb",
        "langchain",
        "langchain_core",
        "bot.llm",
        "bot.retrieval",
        "bot.knowledge",
        "bot.advisor",
        "bot.slack",
        "bot.config",
    ),
    "bot.retrieval": (
        "slack_bolt",
        "slack_sdk",
        "bot.scoring",
        "bot.advisor",
        "bot.slack",
        "bot.knowledge",
        "bot.config",
        "bot.llm",
    ),
    "bot.advisor": (
        "slack_bolt",
        "slack_sdk",
        "chromadb",
        "bot.config",
        "bot.slack",
        "bot.llm",
        "bot.retrieval",
    ),
    "bot.llm": ("slack_bolt", "slack_sdk", "bot.slack", "bot.retrieval", "chromadb"),
    # The state store is domain-free: no Slack, no retrieval, no settings (callers pass them).
    "bot.state": (
        "slack_bolt",
        "slack_sdk",
        "chromadb",
        "langchain",
        "langchain_core",
        "bot.slack",
        "bot.retrieval",
        "bot.scoring",
        "bot.advisor",
        "bot.knowledge",
        "bot.llm",
        "bot.config",
    ),
    "bot.slack": (
        "bot.retrieval",
        "bot.scoring",
        "chromadb",
        "langchain",
        "langchain_core",
        "bot.knowledge",
        "bot.llm",
    ),
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(BOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _violations() -> list[str]:
    found = []
    for path in sorted(BOT.rglob("*.py")):
        module = _module_name(path)
        layer = next((lay for lay in FORBIDDEN if _within(module, lay)), None)
        if layer is None:
            continue
        for name in _imports(path):
            if _within(name, layer) or _within(name, "bot.errors"):
                continue
            if _within(name, "bot.models") and layer not in ("bot.errors", "bot.config"):
                continue
            if any(_within(name, ban) for ban in FORBIDDEN[layer]):
                found.append(f"{module} imports {name}")
    return found


def test_layers_respect_import_rules() -> None:
    """No module imports a layer the conventions forbid (e.g. domain code importing slack_sdk)."""
    assert _violations() == []


def test_checker_catches_a_violation(tmp_path: Path) -> None:
    """The checker itself reports a forbidden import (so the rule test can fail)."""
    bad = BOT / "scoring" / "_arch_probe_tmp.py"
    bad.write_text("import slack_sdk\n", encoding="utf-8")
    try:
        assert "bot.scoring._arch_probe_tmp imports slack_sdk" in _violations()
    finally:
        bad.unlink()


@pytest.mark.parametrize(
    "module",
    [
        "bot",
        "bot.models",
        "bot.config",
        "bot.cli",
        "bot.slack.ids",
        "bot.advisor.service",
        "bot.knowledge",
        "bot.scoring",
        "bot.retrieval",
        "bot.state",
    ],
)
def test_import_has_no_side_effects(module: str, tmp_path: Path) -> None:
    """Importing a module creates no files, opens no clients and loads no heavy libraries."""
    code = (
        f"import sys, os; os.chdir({str(tmp_path)!r}); import {module}; "
        "heavy = [m for m in ('chromadb', 'onnxruntime', 'slack_bolt') if m in sys.modules "
        f"and not {module!r}.startswith('bot.retrieval')]; print(sorted(os.listdir('.')), heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert out == "[] []"
