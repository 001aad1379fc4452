"""Command-line interface: sourcing-advisor ask | search | evaluate | index | serve | chat."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from pydantic import ValidationError

from bot.errors import BotError, ConfigError, InputError, KnowledgeError
from bot.models import MAX_MONTHS, MIN_MONTHS
from bot.render import render_answer_text, render_evaluation_text, render_passages_text

logger = logging.getLogger("bot.cli")

EXIT_USAGE = 2
EXIT_FAILURE = 1
LEVELS = "low, medium or high"


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the problem (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _port(value: str) -> int:
    """A TCP port for --port: an integer 0-65535 (0 picks a free port)."""
    try:
        port = int(value)
    except ValueError:
        msg = f"invalid port {value!r}: expected a number 0-65535"
        raise argparse.ArgumentTypeError(msg) from None
    if not 0 <= port <= 65535:
        msg = f"invalid port {port}: expected 0-65535"
        raise argparse.ArgumentTypeError(msg)
    return port


def _once(dest: str, namespace: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """A scenario fact given twice is an error, as in ``/sourcing evaluate`` (argparse alone
    would keep the last: ``--core --no-core`` silently meant not core)."""
    if getattr(namespace, dest, None) is not None:
        parser.error(f"{dest}: given more than once; give each field once")


class _StoreOnce(argparse.Action):
    """Store a scenario flag's value; a second occurrence exits 2 naming the field."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        _once(self.dest, namespace, parser)
        setattr(namespace, self.dest, values)


class _BooleanOnce(argparse.BooleanOptionalAction):
    """``--core`` / ``--no-core``, given at most once between them."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        _once(self.dest, namespace, parser)
        super().__call__(parser, namespace, values, option_string)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sourcing-advisor", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    # -v also after the command ("ask -v ..."); SUPPRESS keeps a -v given before it.
    verbose = _Parser(add_help=False)
    verbose.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ask = sub.add_parser(
        "ask", parents=[verbose], help="answer a question, grounded in the knowledge base"
    )
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("text", nargs="+", help="the question")

    search = sub.add_parser("search", parents=[verbose], help="show the passages a query retrieves")
    search.add_argument("--json", action="store_true", help="print the passages as JSON")
    search.add_argument("-k", type=int, default=5, help="how many passages (1-50, default 5)")
    search.add_argument("text", nargs="+", help="the query")

    ev = sub.add_parser(
        "evaluate", parents=[verbose], help="score the four strategies for a scenario"
    )
    ev.add_argument("--json", action="store_true", help="print the Evaluation as JSON")
    # Values are read by the same parser as /sourcing evaluate and the modal (bot.scoring).
    ev.add_argument(
        "--duration-months",
        action=_StoreOnce,
        help=f"project length: 18, 18m, 1.5y, 2 years ({MIN_MONTHS}-{MAX_MONTHS} months)",
    )
    ev.add_argument("--core", action=_BooleanOnce, help="core IT capability?")
    ev.add_argument("--company", action=_StoreOnce, help="kind of company: non-it or tech")
    ev.add_argument("--budget", action=_StoreOnce, help=f"budget to scale a team: {LEVELS}")
    ev.add_argument(
        "--control", action=_StoreOnce, help=f"need for control over delivery: {LEVELS}"
    )
    ev.add_argument(
        "--upfront-investment", action=_StoreOnce, help=f"capacity to invest upfront: {LEVELS}"
    )
    ev.add_argument("--local-talent", action=_StoreOnce, help="skills at home: scarce or available")
    ev.add_argument(
        "--change-rate", action=_StoreOnce, help=f"how often requirements change: {LEVELS}"
    )

    index = sub.add_parser(
        "index", parents=[verbose], help="validate the knowledge base and update the index"
    )
    index.add_argument(
        "--rebuild",
        action="store_true",
        help="build a new index aside and switch to it (replaces a collection of another layout)",
    )

    serve = sub.add_parser(
        "serve", parents=[verbose], help="run the Slack app (HTTP, or Socket Mode)"
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=None,
        help="HTTP port, 0-65535 (default SOURCING_PORT, else 3000)",
    )
    serve.add_argument("--host", default="0.0.0.0", help="HTTP bind address")
    serve.add_argument("--socket", action="store_true", help="Socket Mode (needs SLACK_APP_TOKEN)")

    sub.add_parser("chat", parents=[verbose], help="an interactive session in the terminal")
    return parser


def _scenario_values(args: argparse.Namespace) -> dict[str, str]:
    """The evaluate flags given, as raw values keyed by Scenario field (--core -> "yes")."""
    from bot.models import SCENARIO_FIELDS

    given: dict[str, str] = {}
    for field in SCENARIO_FIELDS:
        value = getattr(args, field)
        if isinstance(value, bool):
            given[field] = "yes" if value else "no"
        elif value is not None:
            given[field] = value
    return given


def _run(args: argparse.Namespace) -> int:
    from bot.config import Settings

    settings = Settings()
    if args.command == "index":
        from bot.bootstrap import build_index

        report = build_index(settings, rebuild=args.rebuild)
        print(
            f"Indexed {report.documents} document(s), {report.chunks} chunks at {report.location}: "
            f"{report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.unchanged} unchanged (generation {report.generation})."
        )
        return 0
    if args.command == "serve":
        from bot.slack.runner import run_server

        if not args.verbose:
            logging.getLogger().setLevel(settings.log_level)
        port = settings.http_port if args.port is None else args.port
        return run_server(settings, port=port, host=args.host, socket=args.socket)

    from bot import build_advisor
    from bot.scoring import parse_scenario_values

    given = _scenario_values(args) if args.command == "evaluate" else {}
    if args.command == "evaluate" and not given:
        # With no fact every strategy scores the base score: a four-way tie says nothing.
        msg = (
            "give at least one fact about the project, e.g. --duration-months 18 --core "
            "--company tech (see --help)"
        )
        raise InputError(msg)
    scenario = parse_scenario_values(given) if args.command == "evaluate" else None
    advisor = build_advisor(settings)
    if args.command == "ask":
        answer = advisor.ask(" ".join(args.text))
        print(answer.model_dump_json(indent=2) if args.json else render_answer_text(answer))
    elif args.command == "search":
        passages = advisor.search(" ".join(args.text), k=args.k)
        if args.json:
            print("[" + ",\n".join(p.model_dump_json(indent=2) for p in passages) + "]")
        else:
            print(render_passages_text(passages))
    elif scenario is not None:
        evaluation = advisor.evaluate(scenario)
        print(
            evaluation.model_dump_json(indent=2)
            if args.json
            else render_evaluation_text(evaluation)
        )
    elif args.command == "chat":
        from bot.chat import run_chat

        return run_chat(advisor)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return _run(args)
    except InputError as exc:
        print(f"sourcing-advisor {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, KnowledgeError) as exc:
        print(f"sourcing-advisor: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "input"
        print(f"sourcing-advisor {args.command}: error: {where}: {first['msg']}", file=sys.stderr)
        return EXIT_USAGE
    except BotError as exc:
        print(f"sourcing-advisor: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to say.
        sys.stderr.close()
        return 0
    except Exception:
        if args.verbose:
            logger.exception("unexpected error")
        print(
            "sourcing-advisor: unexpected internal error; run again with -v for details.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
