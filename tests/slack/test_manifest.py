"""deploy/slack/manifest.yaml is a valid Slack manifest and matches bot/slack/ids.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bot.slack import ids
from bot.slack.listeners.assistant import SUGGESTED_PROMPTS

REPO = Path(__file__).parents[2]
MANIFEST = REPO / "deploy" / "slack" / "manifest.yaml"
# In CI the shared/ folder sits beside the clone.
SCHEMA = REPO.parent / "shared" / "slack-manifest-schema" / "manifest.schema.1.0.0.json"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    """The parsed manifest."""
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_validates_against_slacks_schema(manifest: dict[str, Any]) -> None:
    """The manifest satisfies Slack's published JSON Schema (v1)."""
    if not SCHEMA.is_file():
        pytest.skip(f"Slack's manifest schema is not at {SCHEMA} (shared/ beside the clone)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(manifest)


def test_command_and_events_match_the_ids_module(manifest: dict[str, Any]) -> None:
    """The one slash command and the bot events are exactly those the code registers."""
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == ids.COMMAND
    assert command["usage_hint"] == "ask TEXT | evaluate key=value... | policy | onboard | help"
    events = manifest["settings"]["event_subscriptions"]
    assert tuple(events["bot_events"]) == ids.BOT_EVENTS
    urls = {
        command["url"],
        events["request_url"],
        manifest["settings"]["interactivity"]["request_url"],
    }
    assert urls == {"https://YOUR-HOST/slack/events"}


def test_surfaces_the_code_uses_are_enabled(manifest: dict[str, Any]) -> None:
    """Interactivity (buttons, modals), the Home and Messages tabs and the assistant view are on."""
    features, settings = manifest["features"], manifest["settings"]
    assert settings["interactivity"]["is_enabled"] is True
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    assert features["bot_user"]["always_online"] is True
    assert features["assistant_view"]["suggested_prompts"] == [dict(p) for p in SUGGESTED_PROMPTS]
    assert (settings["socket_mode_enabled"], settings["org_deploy_enabled"]) == (False, False)
    assert settings["token_rotation_enabled"] is False


def test_bot_scopes_cover_the_web_api_methods_used(manifest: dict[str, Any]) -> None:
    """Every scope the listeners need is requested, and nothing more."""
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
        "im:read",
        "im:write",
        "channels:history",
        "groups:history",
        "reactions:write",
        "files:write",
        "assistant:write",
    }
