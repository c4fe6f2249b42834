"""A Redis cache that an unreachable Redis cannot turn into a server error.

The cache only saves work: the survey results and the dashboard compute their figures
when a key is missing. With Django's RedisCache a stopped Redis raises ConnectionError
out of `cache.get`, and those pages answered 500. Here an unreachable server reads as a
miss and a write as a no-op, logged once per outage; for `RETRY_SECONDS` after a failure
the server is not asked again, so a Redis that hangs rather than refuses costs one
timeout per process, not one per cache call."""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _forgiving(fallback):
    """Run the RedisCache method, or give `fallback(*args, **kwargs)` when Redis is down."""

    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if self._down_until > time.monotonic():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._mark_down(error)
                return fallback(*args, **kwargs)
            self._down_until = 0.0
            return result

        return wrapper

    return decorate


def _miss(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _no_keys(*args, **kwargs):
    return {}


def _not_stored(data, *args, **kwargs):
    return list(data)  # set_many's answer: the keys that could not be stored


def _absent(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found")  # what incr says of a missing key


class ForgivingRedisCache(RedisCache):
    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _mark_down(self, error: Exception) -> None:
        if not self._down_until:
            log.warning("Cache server unreachable, computing without it: %s", error)
        self._down_until = time.monotonic() + self.RETRY_SECONDS

    get = _forgiving(_miss)(RedisCache.get)
    get_many = _forgiving(_no_keys)(RedisCache.get_many)
    has_key = _forgiving(_false)(RedisCache.has_key)
    add = _forgiving(_false)(RedisCache.add)
    set = _forgiving(_nothing)(RedisCache.set)
    set_many = _forgiving(_not_stored)(RedisCache.set_many)
    touch = _forgiving(_false)(RedisCache.touch)
    delete = _forgiving(_false)(RedisCache.delete)
    delete_many = _forgiving(_nothing)(RedisCache.delete_many)
    incr = _forgiving(_absent)(RedisCache.incr)
    clear = _forgiving(_nothing)(RedisCache.clear)
