"""Django's Redis cache, failing open: when Redis is unreachable the site keeps serving.

Tremplin keeps nothing in the cache that it cannot lose (sessions are in the database), so a
Redis outage must not turn pages into errors. While Redis does not answer, this cache
behaves as an empty one: reads miss, writes are dropped, `add` succeeds, and the error is
logged. After a failure it does not try Redis again for `RETRY_AFTER` seconds, so that a
Redis host that no longer answers costs one connection timeout, not one per cache call.
What is lost meanwhile: the log-in brakes (their counters live in the cache) and the
shared thumbnails lookup; docs/deploy.md lists it.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 10  # seconds


class FailOpenRedisCache(RedisCache):
    _down_until = 0.0  # per process, shared by the caches of the same Redis

    def _safely(self, call, fallback):
        if time.monotonic() < FailOpenRedisCache._down_until:
            return fallback
        try:
            return call()
        except RedisError as error:
            FailOpenRedisCache._down_until = time.monotonic() + RETRY_AFTER
            logger.error("Redis cache unreachable, serving without it: %s", error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(
            lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version), True
        )

    def get(self, key, default=None, version=None):
        return self._safely(
            lambda: super(FailOpenRedisCache, self).get(key, default, version), default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._safely(
            lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(
            lambda: super(FailOpenRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):
        return self._safely(lambda: super(FailOpenRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        return self._safely(lambda: super(FailOpenRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._safely(lambda: super(FailOpenRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        return self._safely(
            lambda: super(FailOpenRedisCache, self).incr(key, delta, version), delta
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely(
            lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):
        self._safely(lambda: super(FailOpenRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._safely(lambda: super(FailOpenRedisCache, self).clear(), False)
