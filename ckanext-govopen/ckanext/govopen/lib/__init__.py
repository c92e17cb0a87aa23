"""Helpers shared by several capabilities (pure where they can be)."""
