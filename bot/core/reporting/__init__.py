"""Reporting: collecting every agency's inputs for a period (focal points, calls, confirmations)."""
