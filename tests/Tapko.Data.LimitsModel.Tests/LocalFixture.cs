using Tapko.Data.LimitsModel.Tests;

[assembly: AssemblyFixture(typeof(LocalFixture))]

namespace Tapko.Data.LimitsModel.Tests;

/// <summary>The DynamoDB Local the model forwards to in the integration tests.</summary>
public sealed class LocalFixture : DynamoDbLocalFixture;
