namespace Tapko.Data.ReliabilityTests.Infrastructure;

/// <summary>What the <see cref="FaultInjector"/> does to one HTTP request between the SDK and DynamoDB Local.</summary>
public enum Fault
{
    /// <summary>Forwarded untouched.</summary>
    None,

    /// <summary>Not forwarded; answered 400 <c>ProvisionedThroughputExceededException</c>.</summary>
    ProvisionedThroughputExceeded,

    /// <summary>Not forwarded; answered 400 <c>ThrottlingException</c>.</summary>
    Throttling,

    /// <summary>Not forwarded; answered 500 <c>InternalServerError</c>.</summary>
    InternalServerError,

    /// <summary>Not forwarded; answered 503 <c>ServiceUnavailable</c>.</summary>
    ServiceUnavailable,

    /// <summary>Not forwarded; the connection is reset while sending.</summary>
    ConnectionReset,

    /// <summary>Forwarded and applied by the server; the connection is reset before the answer arrives.</summary>
    ResponseLostAfterApply,

    /// <summary>Not forwarded; the attempt times out as the client's HttpClient timeout would, nothing is applied.</summary>
    SlowBeforeApply,

    /// <summary>Forwarded and applied by the server; the attempt then times out as the client's HttpClient timeout would, the answer lost.</summary>
    SlowAfterApply,

    /// <summary>A BatchWriteItem of which only part is forwarded; the rest comes back as <c>UnprocessedItems</c>.</summary>
    UnprocessedItems,
}
