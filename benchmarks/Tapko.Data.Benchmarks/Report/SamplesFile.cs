using System.Text.Json;
using Tapko.Data.Benchmarks.Sampling;

namespace Tapko.Data.Benchmarks.Report;

/// <summary>Every sampled call, unrounded, beside the other reports: the verifier re-checks them and the report tables are drawn from them.</summary>
public static class SamplesFile
{
    public const string FileName = "capacity-samples.json";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Write(IEnumerable<CallSample> samples, string artifactsPath)
    {
        Directory.CreateDirectory(artifactsPath);
        var path = Path.Combine(artifactsPath, FileName);
        File.WriteAllText(path, JsonSerializer.Serialize(samples.ToList(), Options));
        return path;
    }

    public static List<CallSample> Read(string artifactsPath) =>
        JsonSerializer.Deserialize<List<CallSample>>(File.ReadAllText(Path.Combine(artifactsPath, FileName)), Options) ?? [];
}
