import pytest


@pytest.fixture(autouse=True)
def _fresh_questionnaires():
    """Questionnaire snapshots are cached per process; each test starts without them."""
    from surveys.questionnaire import forget_all

    forget_all()
    yield
    forget_all()
