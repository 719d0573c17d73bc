using Microsoft.Extensions.Options;

namespace Tapko.Data.DependencyInjection;

/// <summary>Validates <see cref="TapkoStoreOptions"/> when they are first read, listing every broken rule at once.</summary>
internal sealed class TapkoStoreOptionsValidator : IValidateOptions<TapkoStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, TapkoStoreOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
