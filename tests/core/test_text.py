"""Text compared the way a person reads it."""

import pytest

from core.text import collapse_spaces, loose_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Prénom", "prenom"),
        (" NOM DE FAMILLE ", "nomdefamille"),
        ("E-mail", "email"),
        ("QPV (oui/non)", "qpv"),
        ("N° de série", "ndeserie"),
        ("Traoré", "traore"),
        (1987, "1987"),
    ],
)
def test_keys_ignore_case_accents_spaces_punctuation_and_notes(text, key):
    assert loose_key(text) == key


def test_spaces_are_collapsed_and_trimmed():
    assert collapse_spaces("  Awa\u00a0 \tTraoré\r\n") == "Awa Traoré"
    assert collapse_spaces(12) == "12"
