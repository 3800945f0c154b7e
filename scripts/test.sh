#!/usr/bin/env bash
# Runs every test: the whole suite, then the heap-allocation checks on their own (glibc's heap statistics
# are process-wide, so they need a process where nothing else runs), then a build without package traits
# (docs/feature-sets.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
swift build --build-tests
swift run --skip-build parallax-gen verify  # committed do-not-edit generated files are current
./Generators/shaders/generate.sh --check  # the committed SPIR-V is what Generators/shaders/*.comp compile to
swift test --skip-build
PARALLAX_ALLOCATION_TESTS=1 swift test --skip-build --filter acquireAndReleaseAllocateNothing
./scripts/check-feature-sets.sh
