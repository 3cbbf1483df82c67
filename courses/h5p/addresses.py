"""The public names of H5P content: the signed folder key and the xAPI activity IRI.

The admin, the trainer's preview and the learner's page link to the player with them, and
the server checks statements against the IRI, so they live with the content, not the player.
"""

from django.core import signing

SIGNER_SALT = "tremplin.h5p.content"


def content_id(activity):
    """The public, signed name of an activity's content folder (not guessable)."""
    return signing.Signer(salt=SIGNER_SALT).sign(activity.key.hex)


def activity_iri(request, activity):
    """The xAPI object id of an activity: a stable URL of this Tremplin."""
    return request.build_absolute_uri(f"/h5p/activites/{activity.key}")
