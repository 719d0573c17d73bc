using Tapko.Data.TestSupport;
using Tapko.Data.WebApi.Tests;

[assembly: AssemblyFixture(typeof(WebApiFixture))]

namespace Tapko.Data.WebApi.Tests;

/// <summary>The web API tests' shared DynamoDB Local.</summary>
public sealed class WebApiFixture : DynamoDbLocalFixture;
