"""A fixed-window counter in the cache, for log-in forms that allauth does not guard."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The address the request came from.

    Behind N reverse proxies (TRUSTED_PROXY_COUNT=N), the client is the N-th address from the
    right of X-Forwarded-For: the ones further left could be typed by the client itself.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def count(key):
    """How many tries fell under `key` in the current window."""
    return cache.get(f"throttle:{key}", 0)


def hit(key, *, limit, window):
    """Count one try under `key`; return False once more than `limit` tries fell in the window."""
    cache_key = f"throttle:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count <= limit


def reset(key):
    cache.delete(f"throttle:{key}")
