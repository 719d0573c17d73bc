using System.Globalization;

namespace Tapko.Data.Testing;

/// <summary>Formatting shared by log lines and exception messages, so they read the same everywhere.</summary>
internal static class Describe
{
    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>The distinct messages along an exception chain: SDK errors wrap the socket error that explains them.</summary>
    public static string Failure(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var message = $"{current.GetType().Name}: {current.Message.TrimEnd('.', ' ')}";
            if (!messages.Exists(existing => existing.EndsWith(current.Message.TrimEnd('.', ' '), StringComparison.Ordinal)))
            {
                messages.Add(message);
            }
        }

        return string.Join(" -> ", messages);
    }

    /// <summary>The endpoint without the trailing slash <see cref="Uri.ToString"/> adds.</summary>
    public static string Endpoint(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);
}
