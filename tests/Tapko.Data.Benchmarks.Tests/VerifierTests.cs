using Tapko.Data.Benchmarks.Capacity;
using Tapko.Data.Benchmarks.Report;

namespace Tapko.Data.Benchmarks.Tests;

/// <summary>
/// The benchmark run ends with <see cref="Verifier.Run"/>, and CI fails when it returns non-zero. These prove it
/// passes complete, agreeing reports and fails as soon as DynamoDB Local disagrees with the rules anywhere.
/// </summary>
public sealed class VerifierTests
{
    [Fact]
    public void Complete_reports_that_agree_with_the_rules_pass()
    {
        using var reports = new BenchmarkReports();

        var path = reports.Write();

        Verifier.Check(path).Should().BeEmpty();
        Verifier.Run(path).Should().Be(0);
    }

    [Fact]
    public void A_flagged_row_of_the_latency_suite_fails_the_run()
    {
        using var reports = new BenchmarkReports();
        reports.PatternRows[7] = (reports.PatternRows[7].Method, reports.PatternRows[7].Design, "FLAG index W 4 vs 3");

        var path = reports.Write();

        Verifier.Check(path).Should().ContainSingle().Which.Should().Contain("DynamoDB Local disagrees with the rules").And.Contain("FLAG index W 4 vs 3");
        Verifier.Run(path).Should().Be(1);
    }

    [Fact]
    public void A_sampled_call_billed_otherwise_than_the_rules_fails_the_run()
    {
        using var reports = new BenchmarkReports();
        var sample = reports.Samples[5];
        reports.Samples[5] = sample with { Measured = sample.Measured + Units.IndexWrites(1) };

        var path = reports.Write();

        Verifier.Check(path).Should().ContainSingle().Which.Should().Contain("sampled call").And.Contain("index W 2 vs 1");
        Verifier.Run(path).Should().Be(1);
    }

    [Fact]
    public void A_case_whose_units_disagree_fails_even_when_its_verdict_column_says_ok()
    {
        using var reports = new BenchmarkReports();
        var result = reports.Cases[0];
        reports.Cases[0] = result with { Measured = result.Measured + Units.TableReads(0.5) };

        var path = reports.Write();

        Verifier.Check(path).Should().ContainSingle().Which.Should().Contain("table R 0.5 vs 0");
        Verifier.Run(path).Should().Be(1);
    }

    [Fact]
    public void A_scan_inside_its_page_rounding_passes_and_one_past_it_fails()
    {
        // Two Scan requests where the rule counted one Scan: the second page may add half a unit, not more.
        var expected = Units.FullScan(10 * CapacityRules.ReadUnitBytes);
        var upper = RulesCheck.ScanUpper(expected, scanRequests: 2);

        RulesCheck.Disagreements(Units.TableReads(expected.ScanLower + 0.5), expected, upper).Should().BeEmpty();
        RulesCheck.Disagreements(Units.TableReads(expected.ScanLower + 1), expected, upper).Should().ContainSingle().Which.Should().Be("table R 6 vs 5–5.5");
    }

    [Fact]
    public void Missing_reports_fail_the_run()
    {
        using var reports = new BenchmarkReports();

        Verifier.Check(reports.Path).Should().Contain(p => p.Contains("AccessPatternBenchmarks-report.csv")).And.Contain(p => p.Contains(SamplesFile.FileName));
        Verifier.Run(reports.Path).Should().Be(1);
    }

    [Fact]
    public void An_overhead_report_without_an_OpenTelemetry_row_fails()
    {
        using var reports = new BenchmarkReports();
        var path = reports.Write();
        var overhead = Directory.GetFiles(Path.Combine(path, "results"), "*ClientOverheadBenchmarks-report.csv").Single();
        File.WriteAllLines(overhead, File.ReadAllLines(overhead).Where(l => !l.Contains("OpenTelemetry", StringComparison.Ordinal)));

        Verifier.Check(path).Should().ContainSingle().Which.Should().Contain("OpenTelemetry");
    }

    [Fact]
    public void A_transaction_Local_bills_short_within_its_known_defect_passes_marked_and_one_billed_shorter_fails()
    {
        // Two items of 2 units each in one transaction, of which DynamoDB Local may bill as little as the larger.
        var expected = Units.TableWrites(4).WithLocalShortfall(new(0, LocalDefects.TransactionShortfall([2, 2]), 0));
        using var reports = new BenchmarkReports();
        var sample = reports.Samples[0];
        reports.Samples[0] = sample with { Expected = expected, Measured = Units.TableWrites(2) };
        reports.Samples[1] = reports.Samples[1] with { Expected = expected, Measured = Units.TableWrites(1) };

        var path = reports.Write();

        RulesCheck.KnownShortfalls(Units.TableWrites(2), expected).Should().ContainSingle().Which.Should().Be("table W 2 vs 4");
        RulesCheck.Verdict(RulesCheck.Disagreements(Units.TableWrites(2), expected, 0), RulesCheck.KnownShortfalls(Units.TableWrites(2), expected))
            .Should().StartWith(RulesCheck.KnownDefectVerdict);
        Verifier.Check(path).Should().ContainSingle().Which.Should().Contain("sampled call").And.Contain("table W 1 vs 2–4");
        Verifier.Run(path).Should().Be(1);
    }

    [Fact]
    public void A_known_defect_never_excuses_a_bill_above_the_rules_or_on_a_component_it_does_not_cover()
    {
        var expected = (Units.TableReads(0.5) + Units.TableWrites(4)).WithLocalShortfall(new(LocalDefects.EmptyQueryShortfall, 2, 0));

        RulesCheck.Disagreements(Units.TableWrites(2), expected, 0).Should().BeEmpty();
        RulesCheck.Disagreements(Units.TableReads(0.5) + Units.TableWrites(5), expected, 0).Should().ContainSingle().Which.Should().Be("table W 5 vs 2–4");
        RulesCheck.Disagreements(Units.TableReads(0.5) + Units.TableWrites(4) + Units.IndexWrites(1), expected, 0).Should().ContainSingle().Which.Should().Be("index W 1 vs 0");
    }

    [Fact]
    public void A_transaction_shortfall_is_everything_but_its_largest_item_and_nothing_for_one_item()
    {
        LocalDefects.TransactionShortfall([4, 2, 2]).Should().Be(4);
        LocalDefects.TransactionShortfall([6]).Should().Be(0);
        LocalDefects.TransactionShortfall([]).Should().Be(0);
    }

    [Fact]
    public void An_overhead_case_that_measured_nothing_fails_the_run()
    {
        using var reports = new BenchmarkReports { OverheadRows = "library,get feedback,NA\n'library + OpenTelemetry',get feedback,21 us\n'low-level SDK',get feedback,19 us\n" };

        var path = reports.Write();

        Verifier.Check(path).Should().ContainSingle().Which.Should().Contain("'library' (get feedback) has no result");
        Verifier.Run(path).Should().Be(1);
    }
}
