"""The digital-skills diagnostic, assisted or on one's own."""
