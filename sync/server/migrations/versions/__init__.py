"""Revisions of the server schema, oldest first."""
