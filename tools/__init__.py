"""Developer tools for art67bot that are not part of the bot (mutation testing: `python -m tools.mutate`)."""
