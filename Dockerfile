# The portal's image: web (gunicorn), worker and beat all run it (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_DEBUG=0 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The formal note's PDF (WeasyPrint): Pango and HarfBuzz shape every script, with Debian's Noto
# fonts for Latin, Bengali, Khmer and Arabic (the note's CSS names them by family).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change does not reinstall them.
# pyproject.toml reads the version from betterwork/core/version.py.
COPY pyproject.toml ./
COPY betterwork/core/version.py betterwork/core/version.py
RUN pip install .

COPY . .

# Static files are collected at build time with a throwaway secret (settings refuse to start
# without one when DEBUG is off); the running containers get the real one from .env.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-build-only \
    DJANGO_DEBUG=0 DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
 && rm -f /tmp/build.sqlite3

RUN useradd --system --uid 1000 --home-dir /app --shell /usr/sbin/nologin portal \
 && mkdir -p /app/media \
 && chown -R portal:portal /app/media /app/staticfiles
USER portal

EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "betterwork.wsgi:application"]
