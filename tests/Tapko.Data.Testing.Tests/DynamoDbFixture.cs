using Tapko.Data.Testing.Tests;
using Tapko.Data.TestSupport;

[assembly: AssemblyFixture(typeof(DynamoDbFixture))]

namespace Tapko.Data.Testing.Tests;

/// <summary>
/// A DynamoDB Local started the default way, shared by the tests that need one already running (the endpoint tests
/// point at it, the table tests create their tables on it). Inject it through a test class constructor.
/// </summary>
public sealed class DynamoDbFixture : DynamoDbLocalFixture;
