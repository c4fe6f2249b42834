from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose English with the switcher.

    Django's own middleware follows the browser's Accept-Language, and many office
    computers here run an English Windows or browser: they would get an English portal
    nobody asked for."""

    def process_request(self, request) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# Scripts only from the portal's own static files: no inline <script>, no onclick=, no
# eval. Styles may stay inline (style attributes, the SVG charts, htmx's indicator rule);
# images may be data: URIs (Bootstrap draws its form arrows so).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
])


class ContentSecurityPolicyMiddleware:
    """Sends CONTENT_SECURITY_POLICY on every HTML page when settings.PORTAL_CSP is on
    (production's default). Django 5.2 has no CSP of its own. Files (PDF, .xlsx) go
    without it: a browser's built-in PDF viewer can refuse to run under `object-src`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (getattr(settings, "PORTAL_CSP", False)
                and response.get("Content-Type", "").startswith("text/html")):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
