"""The models of dialogue and grievances: dialogue sessions with their minutes and
commitments (`sessions`), and the grievance register (`cases`)."""

from .cases import *  # noqa: F401,F403
from .sessions import *  # noqa: F401,F403
