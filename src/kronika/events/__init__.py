"""The events stage (see DESIGN.md)."""
