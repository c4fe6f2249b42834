"""Static files served as production serves them, in every run that collected them."""

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class CollectedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """collectstatic writes content-hashed names (WhiteNoise lets browsers keep those for
    a year) and gzip and Brotli copies. Django links hashed names only when DEBUG is off;
    the embedded run is DEBUG, yet must be as light as production, so names are hashed
    whenever a manifest exists. Before the first collectstatic (a fresh checkout, the
    tests) pages link the plain names, which WhiteNoise serves from the source folders."""

    def url(self, name, force=False):
        if self.hashed_files:
            try:
                return super().url(name, force=True)
            except ValueError:  # a file added since the last collectstatic
                pass
        return StaticFilesStorage.url(self, name)
