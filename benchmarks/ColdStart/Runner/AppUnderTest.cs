namespace Tapko.Data.ColdStart;

/// <summary>An executable to time, as given on the command line: <c>label=path</c>.</summary>
internal sealed record AppUnderTest(string Label, string Path)
{
    public static AppUnderTest Parse(string spec)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == spec.Length - 1)
        {
            throw new ArgumentException($"An app is given as label=path (was '{spec}').", nameof(spec));
        }

        var path = System.IO.Path.GetFullPath(spec[(equals + 1)..]);
        return File.Exists(path)
            ? new AppUnderTest(spec[..equals], path)
            : throw new ArgumentException($"No executable at '{path}'; build it first (benchmarks/ColdStart/run.sh).", nameof(spec));
    }
}
