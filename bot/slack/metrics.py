"""Prometheus metrics of the Slack edge (prometheus-client), one registry per served app."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from slack_sdk import WebClient
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.advisor.service import KEYWORD_ONLY_NOTE
from bot.models import Answer, Evaluation, Scenario
from bot.slack.ports import AdvisorPort

# Slack errors after which the listeners post the answer again as text only.
TEXT_ONLY_FALLBACK_ERRORS = frozenset({"invalid_blocks", "msg_too_long"})
# Slack's ack limit is 3 s; answers take longer when the Web API is slow.
ACK_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)
ANSWER_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """Counters, histograms and a gauge; ``exposition()`` renders them for GET /metrics."""

    def __init__(self) -> None:
        """Create the metrics in a fresh registry (several apps in one process don't clash)."""
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter(
            "sourcing_slack_requests", "Slack requests acknowledged", ["kind", "status"], registry=r
        )
        self.rejected = Counter(
            "sourcing_slack_rejected", "Requests refused at the edge", ["reason"], registry=r
        )
        self.ack_seconds = Histogram(
            "sourcing_ack_seconds", "Time to acknowledge", ["kind"], buckets=ACK_BUCKETS, registry=r
        )
        self.answers = Counter("sourcing_answers", "Answers by route", ["route"], registry=r)
        self.answer_seconds = Histogram(
            "sourcing_answer_seconds", "Advisor time per answer", buckets=ANSWER_BUCKETS, registry=r
        )
        self.work_seconds = Histogram(
            "sourcing_work_seconds",
            "From ack to finished work (queue wait, advisor, Web API calls)",
            buckets=ANSWER_BUCKETS,
            registry=r,
        )
        self.refusals = Counter(
            "sourcing_refusals", "Questions the knowledge base does not cover", registry=r
        )
        self.fallbacks = Counter(
            "sourcing_fallbacks", "Answers posted in a degraded form", ["kind"], registry=r
        )
        self.api_errors = Counter(
            "sourcing_slack_api_errors", "Slack Web API errors", ["method", "error"], registry=r
        )
        self.api_retries = Counter(
            "sourcing_slack_api_retries", "Slack Web API failed attempts", ["reason"], registry=r
        )
        self.queue_depth = Gauge(
            "sourcing_work_queue_depth", "Acknowledged requests not yet finished", registry=r
        )

    def acked(self, kind: str, *, status: int, seconds: float) -> None:
        """Record one Slack request answered by Bolt (the ack)."""
        self.requests.labels(kind=kind, status=str(status)).inc()
        self.ack_seconds.labels(kind=kind).observe(seconds)

    def rejected_request(self, reason: str) -> None:
        """Record a request refused before Bolt (bad signature, too large, busy...)."""
        self.rejected.labels(reason=reason).inc()

    def answered(self, answer: Answer, seconds: float) -> None:
        """Record one advisor answer."""
        self.answers.labels(route=answer.route).inc()
        self.answer_seconds.observe(seconds)
        if not answer.covered:
            self.refusals.inc()
        if KEYWORD_ONLY_NOTE in answer.notes:
            # The vector store did not answer: passages came from keyword search alone.
            self.fallbacks.labels(kind="keyword_only").inc()

    def exposition(self, *, queue_depth: int) -> tuple[bytes, str]:
        """The Prometheus text format and its content type."""
        self.queue_depth.set(queue_depth)
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class MeteredAdvisor:
    """An AdvisorPort that records answers, routes, refusals and advisor time (how many run at
    once is bounded by ``bot.slack.executor.GatedAdvisor`` inside the app)."""

    def __init__(self, advisor: AdvisorPort, metrics: Metrics) -> None:
        """Wrap ``advisor``."""
        self._advisor = advisor
        self._metrics = metrics

    @property
    def policy(self) -> Any:
        """The wrapped advisor's policy."""
        return self._advisor.policy

    @property
    def onboarding(self) -> Any:
        """The wrapped advisor's onboarding service."""
        return self._advisor.onboarding

    def ask(self, text: str, *, history: Sequence[str] = ()) -> Answer:
        """Answer and record."""
        started = time.perf_counter()
        answer = self._advisor.ask(text, history=history)
        self._metrics.answered(answer, time.perf_counter() - started)
        return answer

    def evaluate(self, scenario: Scenario) -> Evaluation:
        """Evaluate (not an answer: not counted)."""
        return self._advisor.evaluate(scenario)

    def parse_scenario_args(self, text: str) -> Scenario:
        """Parse ``key=value`` arguments."""
        return self._advisor.parse_scenario_args(text)

    def __getattr__(self, name: str) -> Any:
        # Anything else (e.g. a health() method) comes from the wrapped advisor.
        return getattr(self._advisor, name)


class _CountingRetryHandler(RetryHandler):
    """Counts each failed Web API attempt (ok=false, HTTP 429/5xx, no connection) and each retry.

    It never retries itself: it asks the handlers after it whether they will. Bolt copies the
    app client's handler list into every per-request client, so this sees all Web API calls.
    """

    def __init__(self, metrics: Metrics, retriers: list[RetryHandler]) -> None:
        super().__init__(max_retry_count=0)
        self._metrics = metrics
        self._retriers = retriers

    def __deepcopy__(self, memo: dict[int, Any]) -> _CountingRetryHandler:
        # Bolt deep-copies each request (and its WebClient) for lazy listeners; the metrics
        # hold locks and must stay shared anyway.
        return self

    def can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        """Record a failed attempt; the handlers after this one decide whether to retry."""
        method = request.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1][:40]
        if response is not None and response.status_code == 200:
            # slack_sdk shows every 200 response to the handlers: count Slack's ok=false errors.
            body = response.body if isinstance(response.body, dict) else {}
            if body.get("ok") is not False:
                return False
            reason = str(body.get("error") or "unknown")[:40]
            if method == "chat.postMessage" and reason in TEXT_ONLY_FALLBACK_ERRORS:
                self._metrics.fallbacks.labels(kind="text_only").inc()
        elif response is not None:
            reason = str(response.status_code)
        else:
            reason = type(error).__name__
        self._metrics.api_errors.labels(method=method, error=reason).inc()
        if any(
            h.can_retry(state=state, request=request, response=response, error=error)
            for h in self._retriers
        ):
            self._metrics.api_retries.labels(reason=reason).inc()
        return False


def instrument_client(client: WebClient, metrics: Metrics) -> WebClient:
    """Count ``client``'s failed Web API attempts by method and cause, retries and fallbacks."""
    retriers = list(client.retry_handlers)
    client.retry_handlers.insert(0, _CountingRetryHandler(metrics, retriers))
    return client
