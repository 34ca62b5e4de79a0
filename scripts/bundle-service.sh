#!/usr/bin/env bash
# Bundles one service's entry point (services/<name>/src/main.ts) with everything it imports into
# one ESM file, <out>/main.mjs (+ source map), with esbuild: what the service images run, without
# tsx or the workspace's TypeScript sources. Used by the Dockerfiles and by `npm run k8s:check`.
#   bash scripts/bundle-service.sh engine [dist/engine]
# Left out of the bundle: the MongoDB driver's optional add-ons (not installed, loaded only when
# configured) and esbuild, which cannot be bundled (the gateway builds the console with it at start).
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bundle-service.sh <service> [out-dir]}"
out="${2:-dist/$name}"
entry="services/$name/src/main.ts"
[[ -f "$entry" ]] || { echo "bundle-service: no $entry" >&2; exit 1; }
# CommonJS dependencies call require(); an ESM bundle has none unless it makes one.
banner="import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);"
externals=(esbuild kerberos snappy socks aws4 gcp-metadata mongodb-client-encryption @mongodb-js/zstd
  @aws-sdk/credential-providers)
node_modules/.bin/esbuild "$entry" --bundle --platform=node --target=node20 --format=esm \
  --sourcemap --legal-comments=none --log-level=warning --banner:js="$banner" \
  "${externals[@]/#/--external:}" --outfile="$out/main.mjs"
echo "bundle-service: $out/main.mjs ($(du -k "$out/main.mjs" | cut -f1) kB)"
