"""The funder's pages: programmes, reports, glossary."""
