#!/usr/bin/env bash
# README command 2: runs every test of the solution and prints one line per test Category, then "N passed, N failed".
# Tests that need Azure Storage use PERSONALIZATION_TEST_AZURE (set by .ci/run, which starts Azurite).
# PERSONALIZATION_EXTRA_TEST_RESULTS: a folder of further xunit XML results to count (.ci/run: the outside consumer's).
set -uo pipefail
cd "$(dirname "$0")"
results="$(pwd)/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
dotnet test Personalization.Orleans.sln --logger "xunit;LogFilePath=$results/{assembly}.xml" "$@"
status=$?
shopt -s nullglob
files=("$results"/*.xml)
if [ -n "${PERSONALIZATION_EXTRA_TEST_RESULTS:-}" ]; then files+=("$PERSONALIZATION_EXTRA_TEST_RESULTS"/*.xml); fi
if [ ${#files[@]} -eq 0 ]; then
  echo "no test results were written"
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet run --project tools/TestReport -v q -- "${files[@]}"
report=$?
[ $status -eq 0 ] && [ $report -eq 0 ]
