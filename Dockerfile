# graphsoc's container image. The build stage compiles the TypeScript (npm run build); the runtime
# stage holds the production dependencies, the compiled code with the views and mail templates the
# build copies, and the operator guides, and runs as an unprivileged user. docs/deployment.md says how
# to run it; deploy/compose.yaml runs two instances on PostgreSQL behind a TLS proxy.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: compiling needs TypeScript alone. The dev tools that have scripts of their own
# (embedded-postgres and @sparticuz/chromium for the tests, esbuild for the Lambda bundle) would
# fetch or unpack binaries the build never uses.
RUN npm ci --ignore-scripts --no-audit --no-fund
# The whole context (.dockerignore trims it): tsconfig.build.json compiles src/, emulators/ and
# bench/, and the benchmarks import test helpers.
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 is a native addon. Its install takes a prebuilt binary for this Node and libc, or
# compiles one when none fits or the build cannot download it; compiling needs python3, make and g++,
# and node-gyp is pointed at the headers this image ships instead of downloading them. The compilers
# go again in the same layer, so the image carries none.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && npm_config_nodedir=/usr/local npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && apt-get purge -y --auto-remove python3 make g++ \
  && rm -rf /var/lib/apt/lists/* /root/.cache /root/.npm /tmp/*
# The compiled server (dist/src, with its .eta views, stylesheets and mail templates) and the
# emulators `graphsoc sandbox` starts; the compiled tests and benchmarks stay behind.
COPY --from=build /src/dist/src dist/src
COPY --from=build /src/dist/emulators dist/emulators
COPY bin bin
# The operator listener serves these guides.
COPY docs docs
# The service user owns only the data directory; the code stays root's and read-only to it. The
# default database (sqlite:./data/graphsoc.db, relative to /app) lands in the volume through the link.
RUN groupadd --system --gid 10001 graphsoc \
  && useradd --system --uid 10001 --gid graphsoc --home-dir /var/lib/graphsoc --shell /usr/sbin/nologin graphsoc \
  && mkdir -p /var/lib/graphsoc \
  && chown graphsoc:graphsoc /var/lib/graphsoc \
  && chmod 0750 /var/lib/graphsoc \
  && ln -s /var/lib/graphsoc /app/data
USER graphsoc
# A container is reached through its network interface, never its loopback. The operator listener
# (server.admin.host) stays on loopback unless the deployment says otherwise.
ENV GRAPHSOC_SERVER_HOST=0.0.0.0
VOLUME ["/var/lib/graphsoc"]
# 8080: the public listener (relay, Graph webhook, /healthz); 8081: the operator listener.
EXPOSE 8080 8081
# /healthz of the public listener. A port set in the file rather than GRAPHSOC_SERVER_PORT needs
# HEALTHCHECK_PORT too.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const e=process.env;fetch(`http://127.0.0.1:${e.HEALTHCHECK_PORT||e.GRAPHSOC_SERVER_PORT||e.GRAPHSOC_PORT||8080}/healthz`).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/graphsoc.js"]
CMD ["serve"]
