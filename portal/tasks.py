from celery import shared_task


@shared_task(name="portal.ping")
def ping(token: str) -> str:
    """A round trip through the broker, for operators and the integration tests."""
    return f"pong:{token}"
