"""Text handling shared by every floor of the desktop app (no Qt here)."""
