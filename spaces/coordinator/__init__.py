"""The coordinator's pages outside the Wagtail admin: referrals, imports, report, data."""
