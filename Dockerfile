FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json Makefile ./
RUN apt-get update && apt-get install -y --no-install-recommends make && \
    npm ci --no-audit --no-fund && make static/vendor/.installed

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 gettext && \
    rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
COPY --from=assets /src/static/vendor static/vendor
RUN DJANGO_SETTINGS_MODULE=portal.settings.local python manage.py collectstatic --noinput
USER nobody
EXPOSE 8000
# Answer-link tokens never reach the access log: see gunicorn.conf.py.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", "-", "portal.wsgi:application"]
