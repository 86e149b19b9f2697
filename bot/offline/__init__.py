"""Running art67bot with no Slack: signed requests and a local stand-in for the Slack Web API."""
