using Microsoft.Extensions.Options;

namespace Tapko.Data.DependencyInjection;

/// <summary>Checks the data-annotation rules of <see cref="TapkoProjectorOptions"/>, generated at compile time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class TapkoProjectorOptionsValidator : IValidateOptions<TapkoProjectorOptions>
{
}
