using System.Net;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Declarations;

/// <summary>Reports restricted to self-declared data (`options.self_declared_only`) and how much of each population's gender was declared.</summary>
public sealed class SelfDeclaredReportTests
{
    private const string Meeting = "meetings/igf-2012";

    /// <summary>
    /// Three panellists: Mervi (woman, recorded by staff, then declares woman), Peter (man and youth,
    /// recorded by staff, never declares), Izumi (nothing recorded, declares non-binary). Mervi and Izumi
    /// registered for the meeting.
    /// </summary>
    internal static async Task<(TestRegistry Registry, string Peter)> ArrangeAsync()
    {
        var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var session = await registry.SessionAsync(meeting.Name, "ws-85");
        var mervi = await PersonAsync(registry, "Mervi Kultamaa", Gender.Woman);
        var peter = await PersonAsync(registry, "Peter Major", Gender.Man, StakeholderAttribute.Youth);
        var izumi = await PersonAsync(registry, "Izumi Aizu", Gender.Unspecified);
        foreach (var person in new[] { mervi, peter, izumi })
        {
            await registry.SeatAsync(session.Name, person, ParticipantRole.Speaker, Confirmation.Confirmed);
        }

        await registry.RegistrationAsync(meeting.Name, mervi);
        await registry.RegistrationAsync(meeting.Name, izumi);
        await DeclareAsync(registry, mervi, "woman");
        await DeclareAsync(registry, izumi, "non_binary");
        return (registry, peter);
    }

    private static async Task<string> PersonAsync(TestRegistry registry, string name, Gender gender, params StakeholderAttribute[] attributes) =>
        (await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = name, StakeholderGroup = StakeholderGroup.Government, CountryCode = "FI", Gender = gender, Attributes = { attributes } },
        })).Name;

    internal static async Task DeclareAsync(TestRegistry registry, string stakeholder, string gender)
    {
        var link = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = stakeholder });
        using var http = registry.HttpClientFor(null);
        var path = new Uri(link.Url).AbsolutePath;
        var html = await http.GetStringAsync(path);
        var csrf = System.Text.RegularExpressions.Regex.Match(html, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        var saved = await http.PostAsync(path, new FormUrlEncodedContent([new("gender", gender), new("csrf", csrf)]));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static Task<DiversityReport> ReportAsync(TestRegistry registry, bool selfDeclaredOnly) =>
        new ReportService.ReportServiceClient(registry.Channel).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting,
            Options = new ReportOptions { IncludePersonalData = true, SelfDeclaredOnly = selfDeclaredOnly },
        }).ResponseAsync;

    private static Dictionary<string, long> Counts(DiversityReport report, ReportDimension dimension, Population population) =>
        report.Breakdowns.Single(b => b.Dimension == dimension && b.Population == population).Categories.ToDictionary(c => c.Category, c => c.Count);

    [Fact]
    public async Task A_report_restricted_to_self_declared_data_differs_from_the_full_one_exactly_by_the_undeclared_person()
    {
        var (registry, _) = await ArrangeAsync();
        await using var _registry = registry;

        var full = await ReportAsync(registry, selfDeclaredOnly: false);
        var declared = await ReportAsync(registry, selfDeclaredOnly: true);

        foreach (var population in new[] { Population.Panellists, Population.Seats })
        {
            var all = Counts(full, ReportDimension.Gender, population);
            var own = Counts(declared, ReportDimension.Gender, population);
            Assert.Equal((1, 1, 1, 0), (all["GENDER_WOMAN"], all["GENDER_MAN"], all["GENDER_NON_BINARY"], all["GENDER_UNSPECIFIED"]));
            // Peter's man, recorded by staff, counts as not recorded.
            Assert.Equal((1, 0, 1, 1), (own["GENDER_WOMAN"], own["GENDER_MAN"], own["GENDER_NON_BINARY"], own["GENDER_UNSPECIFIED"]));
            Assert.Equal(1, Counts(full, ReportDimension.Attribute, population)["STAKEHOLDER_ATTRIBUTE_YOUTH"]);
            Assert.Equal(0, Counts(declared, ReportDimension.Attribute, population)["STAKEHOLDER_ATTRIBUTE_YOUTH"]);
        }

        // The registrants all declared: the same in both.
        Assert.Equal(Counts(full, ReportDimension.Gender, Population.Registrants), Counts(declared, ReportDimension.Gender, Population.Registrants));
        // Everything but gender and attributes is the same.
        foreach (var breakdown in full.Breakdowns.Where(b => b.Dimension is not (ReportDimension.Gender or ReportDimension.Attribute)))
        {
            Assert.Equal(breakdown, declared.Breakdowns.Single(b => b.Dimension == breakdown.Dimension && b.Population == breakdown.Population));
        }

        Assert.Equal((full.Seats, full.Panellists, full.Registrants), (declared.Seats, declared.Panellists, declared.Registrants));
    }

    [Fact]
    public async Task A_report_with_personal_data_says_how_many_of_each_population_declared_their_gender()
    {
        var (registry, _) = await ArrangeAsync();
        await using var _registry = registry;

        var full = await ReportAsync(registry, selfDeclaredOnly: false);

        long? Declared(Population population) => full.Breakdowns.Single(b => b.Dimension == ReportDimension.Gender && b.Population == population).SelfDeclared;
        Assert.Equal(2, Declared(Population.Panellists));
        Assert.Equal(2, Declared(Population.Seats));
        Assert.Equal(2, Declared(Population.Registrants));
        Assert.Equal(2, Declared(Population.RegistrantsOnsite));
        Assert.Equal(0, Declared(Population.RegistrantsCheckedIn));
        Assert.All(full.Breakdowns.Where(b => b.Dimension != ReportDimension.Gender), b => Assert.False(b.HasSelfDeclared));

        var anonymous = new ReportService.ReportServiceClient(registry.ChannelFor(null));
        var published = await anonymous.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = Meeting });
        Assert.All(published.Breakdowns, b => Assert.False(b.HasSelfDeclared));
    }

    [Fact]
    public async Task Self_declared_only_needs_personal_data()
    {
        var (registry, _) = await ArrangeAsync();
        await using var _registry = registry;
        var reports = new ReportService.ReportServiceClient(registry.Channel);

        await RpcAssert.InvalidFieldAsync("options.self_declared_only", async () => await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting,
            Options = new ReportOptions { SelfDeclaredOnly = true },
        }));
        var viewer = new ReportService.ReportServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () => await viewer.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting,
            Options = new ReportOptions { SelfDeclaredOnly = true, IncludePersonalData = true },
        }));
    }

    [Fact]
    public async Task A_gender_rules_explanation_says_when_it_relies_on_gender_not_declared_by_the_people()
    {
        var (registry, peter) = await ArrangeAsync();
        await using var _registry = registry;
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var check = new CheckPanelBalanceRequest { Session = $"{Meeting}/sessions/ws-85", Policy = "policies/igf-2023-minimum" };

        var before = Assert.Single((await balance.CheckPanelBalanceAsync(check)).RuleResults, r => r.RuleId == "not-single-gender");
        Assert.EndsWith("This relies on the gender of 1 person not declared by themselves.", before.Explanation);

        await DeclareAsync(registry, peter, "man");

        var after = Assert.Single((await balance.CheckPanelBalanceAsync(check)).RuleResults, r => r.RuleId == "not-single-gender");
        Assert.DoesNotContain("not declared", after.Explanation, StringComparison.Ordinal);
        // A caller without rights over the panel sees no explanation of a gender rule at all.
        var viewer = new BalanceService.BalanceServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));
        Assert.Equal("", Assert.Single((await viewer.CheckPanelBalanceAsync(check)).RuleResults, r => r.RuleId == "not-single-gender").Explanation);
    }

    [Fact]
    public async Task The_report_pages_with_personal_data_show_how_many_declared_their_gender_and_public_pages_do_not()
    {
        var (registry, _) = await ArrangeAsync();
        await using var _registry = registry;
        using var admin = registry.HttpClientFor(TestRegistry.AdminSecret);
        using var anonymous = registry.HttpClientFor(null);

        var markdown = await admin.GetStringAsync("/reports/meetings/igf-2012.md?include_personal_data=true");
        var html = await admin.GetStringAsync("/reports/meetings/igf-2012?include_personal_data=true");

        // Seats, panellists, registrants, onsite, remote, checked in.
        Assert.Contains("| Self-declared | 2 | 2 | 2 | 2 | 0 | 0 |", markdown);
        Assert.Contains("Self-declared", html);
        Assert.DoesNotContain("Self-declared", await anonymous.GetStringAsync("/reports/meetings/igf-2012.md"));
        Assert.DoesNotContain("Self-declared", await anonymous.GetStringAsync("/reports/meetings/igf-2012"));
    }

    [Fact]
    public async Task The_report_pages_restrict_to_self_declared_data_with_the_same_rule_as_grpc()
    {
        var (registry, _) = await ArrangeAsync();
        await using var _registry = registry;
        using var admin = registry.HttpClientFor(TestRegistry.AdminSecret);

        var full = await admin.GetStringAsync("/reports/meetings/igf-2012.csv?include_personal_data=true");
        var declared = await admin.GetStringAsync("/reports/meetings/igf-2012.csv?include_personal_data=true&self_declared_only=true");

        // Peter's man, recorded by staff, counts as not recorded: only the gender and attribute rows differ.
        Assert.NotEqual(full, declared);
        var changed = full.Split('\n').Except(declared.Split('\n')).ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, line => Assert.Matches("(?i)gender|attribute", line));
        Assert.Contains("Self-declared", await admin.GetStringAsync("/reports/meetings/igf-2012.md?include_personal_data=true&self_declared_only=true"));

        // Refused, and said why, without personal data or with a bad value.
        var alone = await admin.GetAsync("/reports/meetings/igf-2012.csv?self_declared_only=true");
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Contains("self_declared_only", await alone.Content.ReadAsStringAsync());
        var bad = await admin.GetAsync("/reports/meetings/igf-2012.md?include_personal_data=true&self_declared_only=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("true or false", await bad.Content.ReadAsStringAsync());
    }
}
