using Microsoft.Extensions.Hosting;

namespace Tapko.Data.ChangeFeed;

/// <summary>The hosted service <c>AddTapkoProjector</c> registers: runs the <see cref="TapkoProjector"/> for the host's life.</summary>
internal sealed class TapkoProjectorService(TapkoProjector projector) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => projector.RunAsync(stoppingToken);
}
