"""The functional core: pure functions over plain data (no Slack client, no database)."""
