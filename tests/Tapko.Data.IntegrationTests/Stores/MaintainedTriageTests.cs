namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>The dashboard's needs with counters kept in every write's transaction.</summary>
public sealed class MaintainedTriageTests(DynamoDbFixture fixture) : TriageTests(fixture, StatusCountsMode.Maintained);
