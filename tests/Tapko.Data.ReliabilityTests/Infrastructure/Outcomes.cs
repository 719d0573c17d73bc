using System.Net.Sockets;
using Amazon.Runtime;

namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>How a store call ended, and whether a failure says clearly what happened.</summary>
public static class Outcomes
{
    public static async Task<(T? Value, Exception? Error)> TryAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
        {
            return (default, e);
        }
    }

    /// <summary>
    /// A failure that reports a transport or service fault as such: the SDK's own exception after its retries (with the
    /// AWS error code), a timeout, or a network error. A <see cref="TapkoException"/> here would claim a domain fact
    /// (not found, conflict, duplicate) that a fault cannot establish.
    /// </summary>
    public static bool IsClearFault(Exception e) => e switch
    {
        TapkoException => false,
        AmazonServiceException aws => !string.IsNullOrEmpty(aws.ErrorCode) || aws.StatusCode >= System.Net.HttpStatusCode.InternalServerError,
        TimeoutException or HttpRequestException or IOException or SocketException => true,
        AmazonClientException client => client.InnerException is not null && IsClearFault(client.InnerException),
        OperationCanceledException => true,
        _ => false,
    };

    /// <summary>
    /// Repeats a call while it fails with a clear fault, as a caller following the library's documented recovery would;
    /// anything else fails the test (and is recorded as an unclear failure).
    /// </summary>
    public static async Task<T> RepeatAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (value, error) = await TryAsync(call);
            if (error is null)
            {
                return value!;
            }

            if (!IsClearFault(error))
            {
                ReliabilityTally.Violation("unclear-failures", 1);
            }

            IsClearFault(error).Should().BeTrue("a fault must surface as the SDK's fault, not {0}: {1}", error.GetType().Name, error.Message);
            attempt.Should().BeLessThan(10);
        }
    }

    /// <summary>Every exception in the chain, inner ones included.</summary>
    public static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
