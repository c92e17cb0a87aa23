"""Feedback on the catalog (Changsha art. 32): error reports on published data (纠错/异议)
and requests for data that is not on the portal (数据需求)."""
