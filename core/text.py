"""Text as people type it: one way to tidy spaces and to compare words without case,
accents or punctuation, shared by the imports and the forms that look people up."""

import re
import unicodedata


def collapse_spaces(text):
    """One plain space between words and none around them; also turns the non-breaking
    spaces, tabs and line breaks of spreadsheets into plain spaces."""
    return " ".join(str(text).split())


def loose_key(text):
    """`text` as a person reads it, to compare titles and values: no case, accents, spaces,
    punctuation, nor notes in parentheses ("QPV (oui/non)" → "qpv")."""
    text = re.sub(r"\(.*?\)", "", str(text))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", text.lower())
