"""art67bot: a Slack bot for TRIPS Article 67 technical-cooperation records."""

__version__ = "0.1.0"
