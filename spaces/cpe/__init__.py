"""The CPE's pages: the school's families, enrolments, export."""
