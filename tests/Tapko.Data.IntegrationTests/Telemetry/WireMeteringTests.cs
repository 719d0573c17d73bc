namespace Tapko.Data.IntegrationTests.Telemetry;

/// <summary>
/// Every answer recorded once: every path of every store method, as it is, then the meter and the spans
/// against the wire (see <see cref="WireMeteringTestBase"/>). The faults run in the classes below.
/// </summary>
public sealed class WireMeteringTests(DynamoDbFixture fixture) : WireMeteringTestBase(fixture, "wire")
{
    public static TheoryData<string> Paths => ScenarioNames(_ => true, faultedOnly: false);

    [Theory]
    [MemberData(nameof(Paths))]
    public Task Every_answer_is_metered_once(string name) => RunCleanAsync(name);

    [Fact]
    public void Every_public_store_method_is_driven_clean_and_under_faults() => CheckCoverage();
}

/// <summary>Faults on every request of the project store's create and delete, metered once each.</summary>
public sealed class ProjectLifecycleWireFaultTests(DynamoDbFixture fixture) : WireMeteringTestBase(fixture, "wire-faults")
{
    public static TheoryData<string> Calls => ScenarioNames(m => m is "IProjectStore.CreateAsync" or "IProjectStore.DeleteAsync", faultedOnly: true);

    [Theory]
    [MemberData(nameof(Calls))]
    public Task Every_fault_on_every_request_is_metered_once(string name) => RunFaultsAsync(name);
}

/// <summary>Faults on every request of the project store's other methods, metered once each.</summary>
public sealed class ProjectWireFaultTests(DynamoDbFixture fixture) : WireMeteringTestBase(fixture, "wire-faults")
{
    public static TheoryData<string> Calls => ScenarioNames(
        m => m.StartsWith("IProjectStore.", StringComparison.Ordinal) && m is not ("IProjectStore.CreateAsync" or "IProjectStore.DeleteAsync"),
        faultedOnly: true);

    [Theory]
    [MemberData(nameof(Calls))]
    public Task Every_fault_on_every_request_is_metered_once(string name) => RunFaultsAsync(name);
}

/// <summary>Faults on every request of both submits, in every mode, metered once each.</summary>
public sealed class SubmitWireFaultTests(DynamoDbFixture fixture) : WireMeteringTestBase(fixture, "wire-faults")
{
    public static TheoryData<string> Calls => ScenarioNames(m => m is "IFeedbackStore.SubmitAsync" or "IFeedbackStore.SubmitFromWidgetAsync", faultedOnly: true);

    [Theory]
    [MemberData(nameof(Calls))]
    public Task Every_fault_on_every_request_is_metered_once(string name) => RunFaultsAsync(name);
}

/// <summary>Faults on every request of the feedback store's reads, moves, deletes and counts, metered once each.</summary>
public sealed class FeedbackWireFaultTests(DynamoDbFixture fixture) : WireMeteringTestBase(fixture, "wire-faults")
{
    public static TheoryData<string> Calls => ScenarioNames(
        m => m.StartsWith("IFeedbackStore.", StringComparison.Ordinal) && m is not ("IFeedbackStore.SubmitAsync" or "IFeedbackStore.SubmitFromWidgetAsync"),
        faultedOnly: true);

    [Theory]
    [MemberData(nameof(Calls))]
    public Task Every_fault_on_every_request_is_metered_once(string name) => RunFaultsAsync(name);
}
