"""A fixed-window counter in the cache, for log-in forms that allauth does not guard."""

from django.core.cache import cache


def client_ip(request):
    """The address the request came from. Behind a proxy, configure it to set REMOTE_ADDR
    (gunicorn --forwarded-allow-ips); X-Forwarded-For is not trusted here."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


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
