"""An interactive terminal session: ask questions, keep the thread as context."""

from __future__ import annotations

from bot.advisor.service import Advisor
from bot.errors import InputError
from bot.render import render_answer_text


def run_chat(advisor: Advisor) -> int:
    """Read questions until EOF or 'quit'; earlier questions are follow-up context."""
    history: list[str] = []
    print("Sourcing Advisor. Ask a question or describe a scenario; 'quit' to leave.")
    while True:
        try:
            line = input("> ").strip()
        except EOFError:
            print()
            return 0
        if line.lower() in {"quit", "exit", "q"}:
            return 0
        if not line:
            continue
        try:
            answer = advisor.ask(line, history=history)
        except InputError as exc:
            print(f"error: {exc}")
            continue
        print(render_answer_text(answer))
        history.append(line)
