#!/usr/bin/env bash
# The whole test suite, as the README gives it: unit and integration tests against a real DynamoDB Local, then the API
# reference site built (DocFX), the packages packed, validated and consumed by a project outside the solution, then the
# benchmarks' quick run.
# Needs the .NET 10 SDK, and Java 17+ with npm (or Docker, or TAPKO_DYNAMODB_URL).
set -euo pipefail
cd "$(dirname "$0")"

echo "== Unit, integration and reliability tests"
# Normal verbosity prints the reason of every skipped test (the Docker path, where no engine is reachable),
# so nothing is skipped silently.
dotnet test Tapko.Data.sln --logger "console;verbosity=normal"

# The API reference site (DocFX, pinned in .config/dotnet-tools.json): API pages from the XML docs of the packages in
# src/, with README.md and docs/*.md as its articles, into artifacts/site. Warnings are errors, so a broken link, a
# missing anchor or an <xref:...> to no API fails the suite.
echo "== API reference site (DocFX, warnings as errors)"
rm -rf artifacts/docfx artifacts/site
dotnet tool restore
dotnet docfx docfx.json --warningsAsErrors

echo "== Pack (package validation and the public API check run as part of the build)"
rm -rf artifacts/consumer-packages
find artifacts/packages -name '*.nupkg' -delete -o -name '*.snupkg' -delete
dotnet pack Tapko.Data.sln -c Release -o artifacts/packages
version=$(dotnet msbuild src/Tapko.Data/Tapko.Data.csproj -getProperty:PackageVersion)

echo "== A consumer restores Tapko.Data $version from artifacts/packages and does a round trip"
(cd tests/PackageConsumer && dotnet run -c Release -p:TapkoVersion="$version")

# Native AOT: the consumer is published with PublishAot from the packed package; every trim or AOT warning is
# listed, and one that names Tapko.Data fails the suite. Then the binary binds its options from appsettings.json and
# environment variables (asserting the table, endpoint and key it was given), and creates, submits and lists against
# a DynamoDB Local the cold-start runner starts for it.
echo "== A Native AOT consumer of Tapko.Data $version: publish, then bind + create + submit + list"
rm -rf artifacts/aot-packages/tapko.data artifacts/aot-consumer
mkdir -p artifacts/aot-consumer
(cd tests/AotConsumer && dotnet publish -c Release -p:TapkoVersion="$version" -o ../../artifacts/aot-consumer) \
  2>&1 | tee artifacts/aot-consumer/publish.log
aot_warnings=$(grep -E "analysis (warning|error) IL[0-9]+" artifacts/aot-consumer/publish.log | sort -u || true)
echo "Trim/AOT warnings in the publish: $(printf '%s' "$aot_warnings" | grep -c . || true)"
if printf '%s' "$aot_warnings" | grep -qi "tapko"; then
  echo "FAILED: trim/AOT warnings attributed to Tapko.Data:"
  printf '%s\n' "$aot_warnings" | grep -i "tapko"
  exit 1
fi
dotnet run -c Release --project benchmarks/ColdStart/Runner -- --check \
  --app "Tapko.Data, Native AOT=artifacts/aot-consumer/AotConsumer"

# The quick benchmark run (1k items, short jobs, well under a minute) proves the benchmark pipeline still works: it
# seeds, samples and runs every pattern of every design and the client-overhead suite (bare and with OpenTelemetry),
# checks that the reports are complete, and exits non-zero if DynamoDB Local billed any row or sampled call otherwise
# than the documented rules. Timings are not checked; the full run stays out of the suite.
echo "== Benchmark smoke (quick mode)"
dotnet run -c Release --project benchmarks/Tapko.Data.Benchmarks -- --quick

# The viral-burst load test's quick run (two offered rates, two model seconds each, through the limits model of
# docs/scale.md): it reports throughput, retries, conflicts and latency without judging them, and fails only if a
# submission was lost, stored twice, stored although its caller was definitely refused, or a call that ended without a
# definite answer (a timeout on a busy machine, a 5xx) was not returned by its repeat. The full sweep stays out of the suite.
echo "== Viral-burst load test (quick mode)"
dotnet run -c Release --project benchmarks/Tapko.Data.LoadTest -- --quick
