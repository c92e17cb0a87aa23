"""Pieces shared by several capabilities: language, clock, working days, hash chains.

Modules here import nothing of a capability; the pure ones (``clock``, ``workdays``,
``audit_chain``) import nothing of CKAN either, so the pure cores may use them.
"""
