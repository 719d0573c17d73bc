#!/usr/bin/env bash
# The whole test suite, as the README gives it: unit and integration tests against a real DynamoDB Local,
# then the packages packed, validated and consumed by a project outside the solution, then the benchmarks' quick run.
# Needs the .NET 10 SDK, and Java 17+ with npm (or Docker, or TAPKO_DYNAMODB_URL).
set -euo pipefail
cd "$(dirname "$0")"

echo "== Unit, integration and reliability tests"
# Normal verbosity prints the reason of every skipped test (the Docker path, where no engine is reachable),
# so nothing is skipped silently.
dotnet test Tapko.Data.sln --logger "console;verbosity=normal"

echo "== Pack (package validation and the public API check run as part of the build)"
rm -rf artifacts/consumer-packages
find artifacts/packages -name '*.nupkg' -delete -o -name '*.snupkg' -delete
dotnet pack Tapko.Data.sln -c Release -o artifacts/packages
version=$(dotnet msbuild src/Tapko.Data/Tapko.Data.csproj -getProperty:PackageVersion)

echo "== A consumer restores Tapko.Data $version from artifacts/packages and does a round trip"
(cd tests/PackageConsumer && dotnet run -c Release -p:TapkoVersion="$version")

# The quick benchmark run (1k items, short jobs, well under a minute) proves the benchmark pipeline still works: it
# seeds, samples and runs every pattern of every design and the client-overhead suite (bare and with OpenTelemetry),
# checks that the reports are complete, and exits non-zero if DynamoDB Local billed any row or sampled call otherwise
# than the documented rules. Timings are not checked; the full run stays out of the suite.
echo "== Benchmark smoke (quick mode)"
dotnet run -c Release --project benchmarks/Tapko.Data.Benchmarks -- --quick
