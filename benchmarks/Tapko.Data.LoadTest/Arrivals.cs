namespace Tapko.Data.LoadTest;

/// <summary>How the offered submissions are spread over the burst.</summary>
public enum Arrivals
{
    /// <summary>
    /// Independent visitors: exponential gaps at the offered rate (a Poisson process), from a fixed seed so a run is
    /// repeatable. Two submissions can come closer together than a transaction lasts even at a low rate.
    /// </summary>
    Poisson,

    /// <summary>Evenly spaced, one every 1/rate seconds: the kindest case for conflicts.</summary>
    Even,
}

/// <summary>The due times of a burst.</summary>
public static class ArrivalSchedule
{
    /// <summary>Due times in model seconds in [0, <paramref name="seconds"/>), at <paramref name="rate"/> per second on average.</summary>
    public static List<double> Of(Arrivals arrivals, int rate, double seconds)
    {
        var due = new List<double>();
        if (arrivals == Arrivals.Even)
        {
            for (var i = 0; i < Math.Round(rate * seconds); i++)
            {
                due.Add(i / (double)rate);
            }

            return due;
        }

        var random = new Random(17 + rate);
        for (var t = 0.0; ; due.Add(t))
        {
            t += -Math.Log(1 - random.NextDouble()) / rate;
            if (t >= seconds)
            {
                return due;
            }
        }
    }
}
