"""Notices (通知公告) that sysadmins write: a page type of our own, listed on the home page.

ckanext-pages would do, but it has no release for CKAN 2.11 on PyPI; a notice is a title
and a Markdown body in Chinese with an optional English version, and nothing more.
"""
