"""The time stage (see DESIGN.md)."""
