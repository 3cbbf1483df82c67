"""Import previews kept between two requests: the parsed rows of an upload, signed and
compressed in the session under a token, for two hours, for the person who uploaded them.
Shared by the learner and device imports."""

import secrets

from django.core import signing
from django.core.cache import cache


class PreviewStore:
    def __init__(self, *, session_key, salt, max_age=2 * 60 * 60, keep=3):
        self.session_key = session_key
        self.salt = salt
        self.max_age = max_age
        self.keep = keep

    def save(self, request, payload, token=None):
        """Store `payload` under `token` (a new one by default); keep the last few only."""
        token = token or secrets.token_urlsafe(16)
        previews = dict(request.session.get(self.session_key, {}))
        previews.pop(token, None)
        previews[token] = signing.dumps(payload, salt=self.salt, compress=True)
        request.session[self.session_key] = dict(list(previews.items())[-self.keep :])
        return token

    def load(self, request, token):
        """The payload stored for `token`, or None when it is missing, expired, tampered
        with or stored for someone else."""
        signed = request.session.get(self.session_key, {}).get(token)
        if signed is None:
            return None
        try:
            payload = signing.loads(signed, salt=self.salt, max_age=self.max_age)
        except signing.BadSignature:
            return None
        return payload if payload.get("user") == request.user.pk else None

    def lock(self, request, token):
        """True for the first confirmation of `token`: a double click imports once."""
        return cache.add(self.lock_key(token), request.user.pk, timeout=self.max_age)

    def unlock(self, token):
        cache.delete(self.lock_key(token))

    def lock_key(self, token):
        return f"{self.salt}:{token}"
