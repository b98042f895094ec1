using Microsoft.AspNetCore.Http;
using Vozex.Web.Modules.Catalog.Domain;
using Vozex.Web.Modules.Licensing.Domain;
using Vozex.Web.Modules.Licensing.Downloads;
using Vozex.Web.Modules.Licensing.Issue;
using Vozex.Web.Modules.Licensing.Validate;

namespace Vozex.UnitTests.Licensing;

public sealed class LicenseRulesTests
{
    private static readonly DateTimeOffset Paid = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_year_of_updates_ends_a_year_after_purchase_and_lifetime_never_ends()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero), UpdatesPolicy.UpdatesUntil("1_year", Paid));
        Assert.Null(UpdatesPolicy.UpdatesUntil("lifetime", Paid));
        Assert.Equal(new DateTimeOffset(2029, 2, 28, 0, 0, 0, TimeSpan.Zero), UpdatesPolicy.UpdatesUntil("1_year", new DateTimeOffset(2028, 2, 29, 0, 0, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => UpdatesPolicy.UpdatesUntil("forever", Paid));
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero), UpdatesPolicy.SupportUntil(Paid));
    }

    [Fact]
    public void Releases_published_while_updates_were_covered_stay_downloadable_and_later_ones_are_not()
    {
        var until = UpdatesPolicy.UpdatesUntil("1_year", Paid);
        Assert.True(UpdatesPolicy.Covers(until, new DateOnly(2025, 1, 1)));   // before the purchase
        Assert.True(UpdatesPolicy.Covers(until, new DateOnly(2027, 3, 15)));  // the last covered day
        Assert.False(UpdatesPolicy.Covers(until, new DateOnly(2027, 3, 16)));
        Assert.True(UpdatesPolicy.Covers(null, new DateOnly(2099, 1, 1)));
        Assert.True(UpdatesPolicy.UpdatesAvailable(until, Paid.AddMonths(11)));
        Assert.False(UpdatesPolicy.UpdatesAvailable(until, Paid.AddMonths(13)));
    }

    [Fact]
    public void A_link_serves_the_newest_covered_release_unless_a_covered_one_is_named()
    {
        IReadOnlyList<Release> releases =
        [
            new("1.0.0", "", new DateOnly(2026, 1, 1), [new ReleaseFile("a-1.0.0.zip", 1, "x", "r/a-1.0.0.zip")]),
            new("2.0.0", "", new DateOnly(2027, 6, 1), [new ReleaseFile("a-2.0.0.zip", 1, "x", "r/a-2.0.0.zip"), new ReleaseFile("a-2.0.0.tar.gz", 1, "x", "r/t")]),
        ];
        var lapsed = UpdatesPolicy.UpdatesUntil("1_year", Paid);
        Assert.Equal("1.0.0", ReleaseFiles.Pick(releases, lapsed, null, null)!.Value.Release.Version);
        Assert.Null(ReleaseFiles.Pick(releases, lapsed, "2.0.0", null));
        Assert.Equal("a-2.0.0.zip", ReleaseFiles.Pick(releases, null, null, null)!.Value.File.FileName);
        Assert.Equal("a-2.0.0.tar.gz", ReleaseFiles.Pick(releases, null, "2.0.0", "a-2.0.0.tar.gz")!.Value.File.FileName);
        Assert.Null(ReleaseFiles.Pick(releases, null, "3.0.0", null));
        var views = ReleaseFiles.Views(releases, lapsed);
        Assert.Equal(["2.0.0", "1.0.0"], views.Select(v => v.Version));
        Assert.Equal([false, true], views.Select(v => v.Downloadable));
    }

    [Theory]
    [InlineData("Revoked", false, false, 0, 3, "REVOKED")]
    [InlineData("Suspended", true, true, 1, 3, "SUSPENDED")]
    [InlineData("Expired", false, false, 0, 3, "EXPIRED")]
    [InlineData("Active", false, false, 3, 3, "VALID")]
    [InlineData("Active", true, true, 3, 3, "VALID")]
    [InlineData("Active", true, false, 2, 3, "NOT_ACTIVATED")]
    [InlineData("Active", true, false, 3, 3, "TOO_MANY_ACTIVATIONS")]
    [InlineData("Active", true, true, 4, 3, "TOO_MANY_ACTIVATIONS")]
    public void Validation_codes_follow_the_license_state_then_the_machine(string status, bool named, bool activated, int used, int max, string code) =>
        Assert.Equal(code, ValidateEndpoint.Code(Enum.Parse<LicenseStatus>(status), null, Paid, named, activated, used, max));

    [Fact]
    public void An_active_license_past_its_expiry_instant_validates_as_expired()
    {
        Assert.Equal("EXPIRED", ValidateEndpoint.Code(LicenseStatus.Active, Paid, Paid, false, false, 0, 1));
        Assert.Equal("VALID", ValidateEndpoint.Code(LicenseStatus.Active, Paid.AddSeconds(1), Paid, false, false, 0, 1));
    }

    [Fact]
    public void License_transitions_allow_suspend_and_reinstate_but_nothing_after_revocation()
    {
        Assert.True(LicenseStates.CanTransition(LicenseStatus.Active, LicenseStatus.Suspended));
        Assert.True(LicenseStates.CanTransition(LicenseStatus.Suspended, LicenseStatus.Active));
        Assert.True(LicenseStates.CanTransition(LicenseStatus.Suspended, LicenseStatus.Revoked));
        Assert.False(LicenseStates.CanTransition(LicenseStatus.Active, LicenseStatus.Active));
        Assert.All(Enum.GetValues<LicenseStatus>(), s => Assert.False(LicenseStates.CanTransition(LicenseStatus.Revoked, s)));
    }

    [Theory]
    [InlineData(null, 1, false)]
    [InlineData("bytes=0-", 1, false)]
    [InlineData("bytes=0-99", 1, false)]
    [InlineData("bytes=100-", 0, false)]
    [InlineData("bytes=100-", 1, true)]
    [InlineData("bytes=100-199", 5, true)]
    [InlineData("bytes=-500", 1, true)]
    [InlineData("bytes=0-9,100-199", 1, false)]
    [InlineData("items=100-", 1, false)]
    public void Only_a_single_range_after_byte_zero_of_a_counted_link_resumes_without_counting(string? range, int downloads, bool resumes)
    {
        var http = new DefaultHttpContext();
        if (range is not null) http.Request.Headers.Range = range;
        Assert.Equal(resumes, DownloadEndpoint.ResumesCountedDownload(http.Request, downloads));
    }

    [Fact]
    public void The_driver_reads_the_paid_configuration_and_refuses_one_without_its_choices()
    {
        var choice = LicenseFulfillmentDriver.ParsePayload("{\"delivery_model\":\"self_hosted\",\"license_type\":\"standard\",\"support_plan\":\"priority\",\"updates\":\"lifetime\"}");
        Assert.Equal(new LicenseFulfillmentDriver.SelfHostedChoice("standard", "priority", "lifetime"), choice);
        Assert.Equal(["standard", "support_priority", "updates_lifetime"], LicenseFulfillmentDriver.Features("standard", choice));
        Assert.Throws<LicenseIssueException>(() => LicenseFulfillmentDriver.ParsePayload("{\"license_type\":\"standard\",\"support_plan\":\"basic\"}"));
        Assert.Throws<LicenseIssueException>(() => LicenseFulfillmentDriver.ParsePayload("{\"license_type\":\"standard\",\"support_plan\":\"basic\",\"updates\":\"2_years\"}"));
    }
}
