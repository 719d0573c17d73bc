namespace Tapko.Data.IntegrationTests.Stores;

/// <summary>The dashboard's needs with counts kept from the change feed (the default).</summary>
public sealed class StreamedTriageTests(DynamoDbFixture fixture) : TriageTests(fixture, StatusCountsMode.Streamed);
