"""Listeners by Slack surface; each module exposes ``register(app, deps)`` (see bot.slack.app)."""
