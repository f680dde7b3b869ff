# Haven relay: slim, non-root, migrations then uvicorn (through `python -m server`, which turns off the access
# log, proxy headers and websocket compression).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY server ./server
COPY crypto ./crypto
COPY moderation ./moderation
COPY client ./client
COPY wire ./wire
RUN python -m pip install --no-cache-dir --upgrade pip \
 && python -m pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HAVEN_HOST=0.0.0.0 HAVEN_PORT=8000 \
    HAVEN_DATABASE_URL=sqlite+aiosqlite:////var/lib/haven/haven.db \
    HAVEN_SERVER_SECRET_FILE=/var/lib/haven/server_secret
RUN useradd --system --uid 10001 --home-dir /var/lib/haven --create-home haven
COPY --from=build /wheels /wheels
RUN python -m pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
WORKDIR /app
COPY alembic.ini ./
COPY migrations ./migrations
USER haven
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"
CMD ["sh", "-c", "alembic upgrade head && exec python -m server"]
