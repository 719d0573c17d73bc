namespace Tapko.Data.Testing;

/// <summary>Finds executables the way a shell would, so "is Java installed" matches what the user sees in a terminal.</summary>
internal static class PathLookup
{
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in Candidates(directory.Trim('"'), name))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Candidates(string directory, string name)
    {
        if (!OperatingSystem.IsWindows())
        {
            yield return Path.Combine(directory, name);
            yield break;
        }

        var extensions = Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD";
        foreach (var extension in extensions.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Path.Combine(directory, name + extension.ToLowerInvariant());
        }
    }
}
