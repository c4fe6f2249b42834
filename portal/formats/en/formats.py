# The English interface keeps Vietnamese dates (05/01/2025) with English number marks.
from portal.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
