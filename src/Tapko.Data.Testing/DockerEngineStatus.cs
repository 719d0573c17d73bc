namespace Tapko.Data.Testing;

/// <summary>Whether a Docker engine answered, where, and if not, why not in words fit for the log.</summary>
internal sealed record DockerEngineStatus(Uri? Endpoint, string Reason)
{
    public bool IsReachable => Endpoint is not null;

    public static DockerEngineStatus Reachable(Uri endpoint) => new(endpoint, string.Empty);

    public static DockerEngineStatus Unreachable(string reason) => new(null, reason);
}
