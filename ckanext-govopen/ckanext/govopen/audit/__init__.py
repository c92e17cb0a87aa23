"""Audit: `govopen_audit_list`, the read side of the audit log in lib/audit.py."""
