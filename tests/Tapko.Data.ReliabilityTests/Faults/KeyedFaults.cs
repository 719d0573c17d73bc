using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Tapko.Data.ReliabilityTests.Infrastructure;

namespace Tapko.Data.ReliabilityTests.Faults;

/// <summary>
/// A <see cref="FaultInjector"/> plan whose every decision is a function of the seed, the request's target and how many
/// requests to that target came before: the n-th request to a target gets the same fault in every run of the seed,
/// whatever order parallel requests take and however fast the machine is. Faults can also be armed on a target: its next
/// requests get them in order (a write that fails on every attempt the SDK makes, for example), before any random one.
/// </summary>
internal sealed class KeyedFaults
{
    private readonly int seed;
    private readonly double rate;
    private readonly Fault[] kinds;
    private readonly Func<RequestInfo, string> target;
    private readonly ConcurrentDictionary<string, int> seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Fault, int> random = new();
    private readonly Dictionary<string, Queue<Fault>> armed = new(StringComparer.Ordinal);
    private int forced;

    public KeyedFaults(int seed, double rate, Fault[] kinds, Func<RequestInfo, string> target)
    {
        this.seed = seed;
        this.rate = rate;
        this.kinds = kinds;
        this.target = target;
    }

    /// <summary>Whether random faults are drawn; armed ones are injected either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Random faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<Fault, int> Random => new Dictionary<Fault, int>(random);

    /// <summary>Armed faults injected so far.</summary>
    public int Forced => Volatile.Read(ref forced);

    public int Total => random.Values.Sum() + Forced;

    /// <summary>The plan to set on a <see cref="FaultInjector"/>.</summary>
    public Fault Decide(RequestInfo info)
    {
        var key = target(info);
        lock (armed)
        {
            if (armed.TryGetValue(key, out var queue) && queue.Count > 0)
            {
                Interlocked.Increment(ref forced);
                return queue.Dequeue();
            }
        }

        var n = seen.AddOrUpdate(key, 1, (_, c) => c + 1);
        if (!Enabled || Unit(key, n, "roll") >= rate)
        {
            return Fault.None;
        }

        var fault = kinds[(int)(Unit(key, n, "kind") * kinds.Length)];
        random.AddOrUpdate(fault, 1, (_, c) => c + 1);
        return fault;
    }

    /// <summary>The next requests to <paramref name="key"/> get <paramref name="faults"/>, in order.</summary>
    public void Arm(string key, params Fault[] faults)
    {
        lock (armed)
        {
            armed[key] = new Queue<Fault>(faults);
        }
    }

    /// <summary>Whether every fault armed on <paramref name="key"/> was injected.</summary>
    public bool Spent(string key)
    {
        lock (armed)
        {
            return !armed.TryGetValue(key, out var queue) || queue.Count == 0;
        }
    }

    /// <summary>Drops what is armed and not injected yet.</summary>
    public void Disarm()
    {
        lock (armed)
        {
            armed.Clear();
        }
    }

    /// <summary>A stable draw in [0, 1) (FNV-1a; <see cref="string.GetHashCode()"/> changes between processes).</summary>
    private double Unit(string key, int n, string salt)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{seed}|{key}|{n}|{salt}"))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 32;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>The target of a request to the projector's client: the operation and the item it addresses, if one.</summary>
    public static string ItemTarget(RequestInfo info)
    {
        if (info.Body is null || info.Operation is not ("UpdateItem" or "PutItem" or "DeleteItem" or "GetItem"))
        {
            return info.Operation;
        }

        var body = JsonNode.Parse(info.Body)!.AsObject();
        var key = (body["Key"] ?? body["Item"])!.AsObject();
        var sk = key["SK"]?["S"]?.GetValue<string>() ?? "?";
        // Stream shard ids differ from run to run: one target for every checkpoint.
        sk = sk.StartsWith("FEED#SHARD#", StringComparison.Ordinal) ? "FEED#SHARD#" : sk;
        return $"{info.Operation} {key["PK"]?["S"]?.GetValue<string>()}|{sk}";
    }

    /// <summary>
    /// Faults that fail a write on every attempt the SDK makes with <c>MaxErrorRetry</c> 2: three error answers; or, when
    /// <paramref name="appliedFirst"/>, a first attempt applied and its answer lost, which the SDK follows with one
    /// extra attempt of its own (it resends once at once after a broken connection, measured), then the three.
    /// </summary>
    public static Fault[] FailingWrite(bool appliedFirst) =>
        appliedFirst
            ? [Fault.ResponseLostAfterApply, Fault.Throttling, Fault.ServiceUnavailable, Fault.ProvisionedThroughputExceeded]
            : [Fault.Throttling, Fault.ServiceUnavailable, Fault.ProvisionedThroughputExceeded];

    /// <summary>The target of the counts write of project <paramref name="projectId"/>: an update of its claim.</summary>
    public static string Claim(ProjectId projectId) => $"UpdateItem PROJECT#{projectId.Value}|CLAIM";

    /// <summary>The target of every checkpoint write of the hosted projector.</summary>
    public const string Checkpoint = "PutItem TAPKO|FEED#SHARD#";
}
