#!/usr/bin/env bash
# `npm run check`: the static checks of `npm test` at once — the type check, ESLint, Prettier and the
# import-cycle check. One after the other they took about 90 s on the 2-core CI machine; each is
# mostly one thread, so together they take about as long as ESLint alone. Each one's output is
# printed when it ends, under its name; the script fails if any of them failed, after all ended.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The package.json scripts `npm run lint` runs one after the other, and the type check.
names=(typecheck lint:eslint lint:format lint:cycles)

pids=()
for index in "${!names[@]}"; do
  npm run --silent "${names[$index]}" > "$out/${names[$index]}.log" 2>&1 &
  pids+=("$!")
done

failed=()
for index in "${!names[@]}"; do
  if wait "${pids[$index]}"; then status=passed; else status=FAILED; failed+=("${names[$index]}"); fi
  echo "[check] ${names[$index]}: $status"
  sed 's/^/  /' "$out/${names[$index]}.log"
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "[check] failed: ${failed[*]}" >&2
  exit 1
fi
