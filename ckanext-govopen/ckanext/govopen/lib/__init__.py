"""Pieces shared by several capabilities: language, clock, messages, request context.

Modules here import nothing of a capability; the pure ones (``clock``) import nothing of
CKAN either, so the pure cores may use them.
"""
