"""Deploy files validated offline: hadolint, the compose-spec schema, Kubernetes schemas + PSS."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
K8S_VERSION = "1.30"
K8S_FILES = sorted((DEPLOY / "k8s").glob("*.yaml"))


def _tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = BIN / name
    assert tool.is_file(), f"{name} is not installed next to {sys.executable} (dev extra)"
    return subprocess.run(
        [str(tool), *args], capture_output=True, text=True, timeout=120, check=False, cwd=ROOT
    )


def _documents(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def _k8s(kind: str) -> list[dict[str, Any]]:
    return [d for path in K8S_FILES for d in _documents(path) if d["kind"] == kind]


def _pod_specs() -> list[tuple[str, dict[str, Any]]]:
    specs = []
    for kind in ("Deployment", "StatefulSet", "Job"):
        for doc in _k8s(kind):
            specs.append((doc["metadata"]["name"], doc["spec"]["template"]["spec"]))
    return specs


def test_dockerfile_passes_hadolint() -> None:
    """hadolint reports nothing for deploy/Dockerfile (pinned installs, numeric user...)."""
    result = _tool("hadolint", "--no-color", "deploy/Dockerfile")
    assert (result.returncode, result.stdout) == (0, "")


def test_dockerfile_runs_as_a_numeric_user_and_stops_on_sigterm() -> None:
    """USER is numeric, STOPSIGNAL is SIGTERM, the health check reads SOURCING_PORT."""
    lines = [line.strip() for line in (DEPLOY / "Dockerfile").read_text().splitlines()]
    assert "USER 10001:10001" in lines
    assert "STOPSIGNAL SIGTERM" in lines
    health = next(line for line in lines if line.startswith('CMD ["python"'))
    assert "SOURCING_PORT" in health
    assert "3000/healthz" not in health
    assert lines[-1] == 'CMD ["sourcing-advisor", "serve"]'


def test_dockerignore_keeps_build_output_out_of_the_image() -> None:
    """.dockerignore excludes the venv, data, build dirs, egg-info, caches, git and secrets."""
    entries = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", "data", "build", "dist", "*.egg-info", ".env", "tests"} <= entries


def test_build_requires_setuptools_77_for_the_license_field() -> None:
    """`license = "Apache-2.0"` (PEP 639) needs setuptools >= 77 at build time."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "setuptools>=77" in pyproject["build-system"]["requires"]
    assert pyproject["project"]["license"] == "Apache-2.0"


def test_image_dependencies_are_pinned() -> None:
    """deploy/constraints.txt pins every runtime dependency with ==."""
    lines = [
        line
        for line in (DEPLOY / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) > 20
    assert [line for line in lines if "==" not in line] == []
    names = {line.split("==")[0].lower().replace("_", "-") for line in lines}
    assert {"slack-bolt", "uvicorn", "psycopg", "chromadb"} <= names


def test_compose_file_matches_the_compose_spec() -> None:
    """deploy/compose.yaml validates against the compose-spec schema shipped by check-jsonschema."""
    result = _tool(
        "check-jsonschema", "--builtin-schema", "vendor.compose-spec", "deploy/compose.yaml"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_two_bots_healthy_gated_with_required_secrets() -> None:
    """Two bots wait for healthy Postgres/Chroma and a finished index job; secrets are required."""
    text = (DEPLOY / "compose.yaml").read_text()
    services = yaml.safe_load(text)["services"]
    assert set(services) == {"postgres", "chroma", "index", "bot"}
    bot = services["bot"]
    assert bot["deploy"]["replicas"] == 2
    assert bot["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "chroma": {"condition": "service_healthy"},
        "index": {"condition": "service_completed_successfully"},
    }
    assert services["index"]["command"] == ["sourcing-advisor", "index"]
    for name in ("postgres", "chroma", "bot"):
        assert services[name]["restart"] == "unless-stopped"
        assert "healthcheck" in services[name]
    for name in ("postgres", "chroma"):
        assert "ports" not in services[name], f"{name} must not be published"
    assert all(port.startswith("127.0.0.1:") for port in bot["ports"])
    for var in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "POSTGRES_PASSWORD"):
        assert f"${{{var}:?" in text
        assert f"${{{var}}}" not in text


@pytest.mark.parametrize("path", K8S_FILES, ids=lambda p: p.name)
def test_kubernetes_manifest_is_valid(path: Path) -> None:
    """Each manifest validates strictly against the schemas kubernetes-validate ships."""
    result = _tool("kubernetes-validate", "--strict", "--quiet", "-k", K8S_VERSION, str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_kubernetes_has_every_part() -> None:
    """Namespace, Secret example, Postgres, Chroma, index Job, bot Deployment, Service, Ingress."""
    kinds = sorted((d["kind"], d["metadata"]["name"]) for p in K8S_FILES for d in _documents(p))
    assert kinds == [
        ("Deployment", "sourcing-advisor"),
        ("Ingress", "sourcing-advisor"),
        ("Job", "sourcing-advisor-index"),
        ("Namespace", "sourcing-advisor"),
        ("NetworkPolicy", "chroma-from-advisor"),
        ("NetworkPolicy", "postgres-from-advisor"),
        ("Secret", "sourcing-advisor"),
        ("Service", "chroma"),
        ("Service", "postgres"),
        ("Service", "sourcing-advisor"),
        ("StatefulSet", "chroma"),
        ("StatefulSet", "postgres"),
    ]
    [ingress] = _k8s("Ingress")
    assert ingress["spec"]["tls"][0]["secretName"] == "sourcing-advisor-tls"
    [namespace] = _k8s("Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


def test_pods_meet_the_restricted_pod_security_standard() -> None:
    """Every pod: non-root numeric user, RuntimeDefault seccomp, no escalation, no capabilities."""
    for name, spec in _pod_specs():
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True, name
        assert isinstance(pod["runAsUser"], int), name
        assert pod["runAsUser"] > 0, name
        assert pod["seccompProfile"] == {"type": "RuntimeDefault"}, name
        for container in spec["containers"]:
            ctx = container["securityContext"]
            assert ctx["allowPrivilegeEscalation"] is False, name
            assert ctx["capabilities"] == {"drop": ["ALL"]}, name


def test_containers_have_pinned_images_resources_and_probes() -> None:
    """Images carry a registry and a fixed tag; resources are set; the bot has three probes."""
    for name, spec in _pod_specs():
        for container in spec["containers"]:
            image = container["image"]
            registry, _, rest = image.partition("/")
            assert "." in registry, f"{name}: {image} names no registry"
            assert ":" in rest, f"{name}: {image} has no tag"
            assert not rest.endswith(":latest"), f"{name}: {image} is not pinned"
            assert container["resources"]["requests"]["memory"], name
            assert container["resources"]["limits"]["memory"], name
    [bot] = _k8s("Deployment")
    container = bot["spec"]["template"]["spec"]["containers"][0]
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert bot["spec"]["replicas"] == 2
    assert bot["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= 30
