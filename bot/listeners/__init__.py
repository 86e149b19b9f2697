"""Bolt listeners, one module per kind, each with `register(app)` (bolt-python starter layout)."""

from slack_bolt import App

from bot.listeners import actions, commands, events, views


def register_listeners(app: App) -> None:
    commands.register(app)
    actions.register(app)
    events.register(app)
    views.register(app)
