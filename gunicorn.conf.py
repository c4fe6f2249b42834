"""Gunicorn settings shipped with the portal (gunicorn reads this file from its working
directory; the image and the compose file also name it). Neither the access log
(GUNICORN_ACCESS_LOG or --access-logfile: a file, or "-" for the standard output as the
image and the compose file set; off when unset) nor the error log ever holds a personal
answer link's token (`surveys.redaction`)."""

import os

from gunicorn.glogging import Logger

from surveys.redaction import AnswerLinkFilter

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = 60
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")


class RedactingLogger(Logger):
    """Gunicorn's logger, with answer tokens taken out of every access and error line
    (the request line and the Referer header alike)."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(AnswerLinkFilter())


logger_class = RedactingLogger
