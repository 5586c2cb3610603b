"""Domain services: queries, commands, validation, import and export (no Qt widgets)."""
