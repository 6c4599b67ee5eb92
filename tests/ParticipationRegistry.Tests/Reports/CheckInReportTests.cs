using Google.Protobuf.WellKnownTypes;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>A meeting's report gives registered and checked-in people side by side, protected like the other registrant populations.</summary>
public sealed class CheckInReportTests
{
    private const string Meeting = "meetings/igf-2012";

    // (gender, attendance, checked in): 12 registered, 8 checked in (5 women, 3 men).
    private static readonly (Gender Gender, Attendance Attendance, bool CheckedIn)[] Room =
    [
        (Gender.Woman, Attendance.Onsite, true), (Gender.Woman, Attendance.Onsite, true), (Gender.Woman, Attendance.Onsite, true),
        (Gender.Woman, Attendance.Remote, true), (Gender.Woman, Attendance.Remote, true),
        (Gender.Man, Attendance.Onsite, true), (Gender.Man, Attendance.Onsite, true), (Gender.Man, Attendance.Remote, true),
        (Gender.Woman, Attendance.Onsite, false), (Gender.Woman, Attendance.Remote, false),
        (Gender.Man, Attendance.Onsite, false), (Gender.Unspecified, Attendance.Onsite, false),
    ];

    private static async Task<TestRegistry> StartWithRoomAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        for (var i = 0; i < Room.Length; i++)
        {
            var (gender, attendance, checkedIn) = Room[i];
            var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder { DisplayName = $"Registrant {i}", Gender = gender, StakeholderGroup = StakeholderGroup.CivilSociety },
            });
            var registration = await registry.RegistrationAsync(Meeting, person.Name, attendance);
            if (checkedIn)
            {
                await registry.Meetings.UpdateRegistrationAsync(new UpdateRegistrationRequest
                {
                    Registration = new Registration { Name = registration.Name, CheckInTime = Arrange.Time(2012, 11, 6, 8, i) },
                    UpdateMask = new FieldMask { Paths = { "check_in_time" } },
                });
            }
        }

        return registry;
    }

    private static DimensionBreakdown Of(DiversityReport report, ReportDimension dimension, Population population) =>
        report.Breakdowns.Single(b => b.Dimension == dimension && b.Population == population);

    private static long Exact(Gender gender) => Room.Count(r => r.CheckedIn && r.Gender == gender);

    [Fact]
    public async Task A_report_gives_registered_vs_checked_in_counts_exactly_to_an_admin_asking_for_personal_data()
    {
        await using var registry = await StartWithRoomAsync();

        var report = await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting,
            Options = new ReportOptions { IncludePersonalData = true },
        });

        Assert.False(report.Perturbed);
        Assert.Equal(12, report.Registrants);
        Assert.Equal(8, report.RegistrantsCheckedIn);
        var gender = Of(report, ReportDimension.Gender, Population.RegistrantsCheckedIn);
        Assert.Equal(8, gender.Total);
        Assert.Equal(5, gender.Categories.Single(c => c.Category == "GENDER_WOMAN").Count);
        Assert.Equal(3, gender.Categories.Single(c => c.Category == "GENDER_MAN").Count);
        Assert.Equal(0, gender.Categories.Single(c => c.Category == "GENDER_UNSPECIFIED").Count);
        Assert.Equal(8, Of(report, ReportDimension.StakeholderGroup, Population.RegistrantsCheckedIn).Categories.Single(c => c.Category == "STAKEHOLDER_GROUP_CIVIL_SOCIETY").Count);
        Assert.Equal(7, Of(report, ReportDimension.Gender, Population.Registrants).Categories.Single(c => c.Category == "GENDER_WOMAN").Count);
    }

    [Fact]
    public async Task The_public_checked_in_figures_are_perturbed_and_small_cells_hidden_like_the_other_registrants()
    {
        await using var registry = await StartWithRoomAsync();
        var anonymous = new ReportService.ReportServiceClient(registry.ChannelFor(null));

        var report = await anonymous.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = Meeting });

        Assert.True(report.Perturbed);
        Assert.Equal(12, report.Registrants);
        Assert.Equal(8, report.RegistrantsCheckedIn);
        var gender = Of(report, ReportDimension.Gender, Population.RegistrantsCheckedIn);
        Assert.Equal(8, gender.Total);
        foreach (var cell in gender.Categories)
        {
            var exact = cell.Category switch { "GENDER_WOMAN" => Exact(Gender.Woman), "GENDER_MAN" => Exact(Gender.Man), _ => 0 };
            if (cell.HasCount)
            {
                Assert.InRange(cell.Count, Math.Max(3, exact - 2), exact + 2);
            }
            else
            {
                Assert.True(cell.Suppressed, cell.Category);
            }
        }

        // Nobody checked in of unrecorded or non-binary gender: an empty cell is never shown (it would be below k).
        Assert.True(gender.Categories.Single(c => c.Category == "GENDER_UNSPECIFIED").Suppressed);
        Assert.True(gender.Categories.Single(c => c.Category == "GENDER_NON_BINARY").Suppressed);
        // Stakeholder groups are not personal data: exact publicly, as for the other registrant populations.
        Assert.Equal(8, Of(report, ReportDimension.StakeholderGroup, Population.RegistrantsCheckedIn).Categories.Single(c => c.Category == "STAKEHOLDER_GROUP_CIVIL_SOCIETY").Count);
    }

    [Fact]
    public async Task The_markdown_csv_and_html_exports_show_the_checked_in_population_beside_the_other_registrants()
    {
        await using var registry = await StartWithRoomAsync();
        using var http = registry.HttpClientFor(null);

        var markdown = await http.GetStringAsync(new Uri("/reports/meetings/igf-2012.md", UriKind.Relative));
        var csv = await http.GetStringAsync(new Uri("/reports/meetings/igf-2012.csv", UriKind.Relative));
        var html = await http.GetStringAsync(new Uri("/reports/meetings/igf-2012", UriKind.Relative));

        Assert.Contains("| Registrants | Registrants onsite | Registrants remote | Registrants checked in |", markdown, StringComparison.Ordinal);
        Assert.Contains("POPULATION_REGISTRANTS_CHECKED_IN", csv, StringComparison.Ordinal);
        Assert.Contains("12 registered to attend, 8 checked in.", html, StringComparison.Ordinal);
    }
}
