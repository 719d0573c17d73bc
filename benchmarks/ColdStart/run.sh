#!/usr/bin/env bash
# Cold start, measured locally: process start to the first acknowledged submit, for tests/AotConsumer published as
# Native AOT, ReadyToRun and JIT, and for the same flow written with the SDK's DynamoDBContext (JIT), all against
# one DynamoDB Local. Prints a Markdown table and writes it to artifacts/coldstart/table.md.
# Usage: benchmarks/ColdStart/run.sh [runs per app, default 15]. Takes about 3 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-15}
out=artifacts/coldstart
rm -rf "$out"
mkdir -p "$out"

echo "== Pack Tapko.Data and publish the app three ways"
find artifacts/packages -name 'Tapko.Data.*nupkg' -delete
dotnet pack src/Tapko.Data/Tapko.Data.csproj -c Release -o artifacts/packages
version=$(dotnet msbuild src/Tapko.Data/Tapko.Data.csproj -getProperty:PackageVersion)
rm -rf artifacts/aot-packages/tapko.data
for build in aot r2r jit; do
  (cd tests/AotConsumer && dotnet publish -c Release -p:TapkoVersion="$version" -p:TapkoBuild="$build" -o "../../$out/$build")
done
dotnet publish benchmarks/ColdStart/ContextApp -c Release -o "$out/context"

echo "== Time $runs starts of each"
dotnet run -c Release --project benchmarks/ColdStart/Runner -- --runs "$runs" --out "$out/table.md" \
  --app "Tapko.Data, Native AOT=$out/aot/AotConsumer" \
  --app "Tapko.Data, ReadyToRun=$out/r2r/AotConsumer" \
  --app "Tapko.Data, JIT=$out/jit/AotConsumer" \
  --app "DynamoDBContext, JIT=$out/context/ContextApp"
