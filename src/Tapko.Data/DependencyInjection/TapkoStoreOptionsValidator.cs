using Microsoft.Extensions.Options;

namespace Tapko.Data.DependencyInjection;

/// <summary>
/// Checks the data-annotation rules of <see cref="TapkoStoreOptions"/>, listing every broken rule at once. Generated at
/// compile time, so it needs no reflection and works trimmed and under Native AOT; the stores' constructors and a
/// host's <c>ValidateOnStart</c> run this one validator.
/// </summary>
[OptionsValidator]
internal sealed partial class TapkoStoreOptionsValidator : IValidateOptions<TapkoStoreOptions>
{
}
