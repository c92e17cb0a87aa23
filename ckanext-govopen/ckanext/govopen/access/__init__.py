"""Access to conditional data: applications, provider review on working-day deadlines,
grants checked at every download, and a hash-chained access log.

The download gate asks one question: ``grants.active_grant(user_id, package_id,
resource_id)``; after serving a file it calls ``grants.record_download(...)``.
"""
