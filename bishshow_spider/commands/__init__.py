"""`bishshow` commands that live outside cli.py (registered at its end)."""
