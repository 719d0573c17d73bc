using Tapko.Data.IntegrationTests;
using Tapko.Data.TestSupport;

[assembly: AssemblyFixture(typeof(DynamoDbFixture))]

namespace Tapko.Data.IntegrationTests;

/// <summary>The integration tests' shared DynamoDB Local. Inject it through a test class constructor.</summary>
public sealed class DynamoDbFixture : DynamoDbLocalFixture;
