"""The actors stage (see DESIGN.md)."""
