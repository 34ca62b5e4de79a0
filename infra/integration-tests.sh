#!/usr/bin/env bash
# The integration suite on the real Kafka and FerretDB (started by infra/with-infra.sh): first the
# suites that share the infrastructure, in parallel; then, alone, the ones that restart it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npx jest -c jest.integration.config.cjs "$@"
BATON_RESTART_TESTS=1 npx jest -c jest.integration.config.cjs --runInBand "$@"
