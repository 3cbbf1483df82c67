"""Pages anyone may open: diploma verification, privacy notice, the landing router, log-ins."""
