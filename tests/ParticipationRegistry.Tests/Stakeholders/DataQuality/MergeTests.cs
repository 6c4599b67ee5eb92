using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Audit;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>MergeStakeholders: conflicts reported and nothing changed, erased placeholders refused, etags, chosen fields, audit, chains of aliases.</summary>
public sealed class MergeTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Workshop = "meetings/igf-2012/sessions/ws-85";

    private static async Task<(TestRegistry Registry, Stakeholder Primary, Stakeholder Duplicate)> ArrangeAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        var primary = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Wolfgang Kleinwächter", Affiliation = "University of Aarhus", CountryCode = "DE" },
        });
        var duplicate = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Wolfgang Kleinwacther", Affiliation = "Aarhus University", Email = "wk@aarhus.example", Gender = Gender.Man },
        });
        return (registry, primary, duplicate);
    }

    private static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    private static async Task<string> StateAsync(TestRegistry registry) => string.Join("\n",
        await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { View = StakeholderView.Full }),
        await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2012/sessions/-" }),
        await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting }));

    [Fact]
    public async Task A_seat_that_would_repeat_a_role_is_reported_by_name_and_nothing_is_merged()
    {
        var (registry, primary, duplicate) = await ArrangeAsync();
        await using var _ = registry;
        await registry.SeatAsync(Workshop, primary.Name);
        var repeated = await registry.SeatAsync(Workshop, duplicate.Name);
        await registry.SeatAsync(Workshop, duplicate.Name, ParticipantRole.Rapporteur);
        await registry.RegistrationAsync(Meeting, primary.Name);
        var second = await registry.RegistrationAsync(Meeting, duplicate.Name);
        var before = await StateAsync(registry);

        var e = await RefusedAsync(() => registry.Stakeholders.MergeStakeholdersAsync(
            new MergeStakeholdersRequest { Primary = primary.Name, Duplicates = { duplicate.Name } }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("MERGE_CONFLICT", e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal(new[] { repeated.Name, second.Name }.Order(), e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order());
        Assert.Equal(before, await StateAsync(registry));

        await registry.Meetings.DeleteParticipantAsync(new DeleteParticipantRequest { Name = repeated.Name });
        await registry.Meetings.DeleteRegistrationAsync(new DeleteRegistrationRequest { Name = second.Name });
        var merged = await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = primary.Name, Duplicates = { duplicate.Name } });
        Assert.Single(merged.MovedParticipants);
        var seats = await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = Workshop });
        Assert.All(seats.Participants, s => Assert.Equal(primary.Name, s.Stakeholder));
        Assert.Equal(2, seats.Participants.Count);
    }

    [Fact]
    public async Task The_primary_keeps_its_fields_except_those_the_mask_takes_from_the_request_and_the_merge_is_audited_about_both()
    {
        var (registry, primary, duplicate) = await ArrangeAsync();
        await using var _ = registry;

        var merged = await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest
        {
            Primary = primary.Name,
            Duplicates = { duplicate.Name },
            Stakeholder = new Stakeholder { Email = duplicate.Email, Gender = Gender.Man, DisplayName = "ignored: not in the mask" },
            UpdateMask = new FieldMask { Paths = { "email", "gender" } },
            Etag = primary.Etag,
        });

        Assert.Equal("Wolfgang Kleinwächter", merged.Stakeholder.DisplayName);
        Assert.Equal("University of Aarhus", merged.Stakeholder.Affiliation);
        Assert.Equal("wk@aarhus.example", merged.Stakeholder.Email);
        Assert.Equal(Gender.Man, merged.Stakeholder.Gender);
        Assert.NotEqual(primary.Etag, merged.Stakeholder.Etag);
        var found = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "kleinwa" });
        Assert.Equal([primary.Name], found.Stakeholders.Select(s => s.Name));
        var events = await registry.AuditEventsAsync();
        var merges = events.Where(ev => ev.Method.EndsWith("/MergeStakeholders", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { primary.Name, duplicate.Name }.Order(), merges.Select(ev => ev.Resource).Order());
        Assert.Equal(["duplicates", "email", "gender"], merges.Single(ev => ev.Resource == primary.Name).Fields);
    }

    [Fact]
    public async Task An_erased_placeholder_a_stale_etag_and_bad_names_are_refused_and_change_nothing()
    {
        var (registry, primary, duplicate) = await ArrangeAsync();
        await using var _ = registry;
        var erased = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Wolfgang K." } });
        await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = erased.Name });
        var before = await StateAsync(registry);

        var intoErased = await RefusedAsync(() => registry.Stakeholders.MergeStakeholdersAsync(
            new MergeStakeholdersRequest { Primary = erased.Name, Duplicates = { duplicate.Name } }).ResponseAsync);
        var fromErased = await RefusedAsync(() => registry.Stakeholders.MergeStakeholdersAsync(
            new MergeStakeholdersRequest { Primary = primary.Name, Duplicates = { duplicate.Name, erased.Name } }).ResponseAsync);
        var stale = await RefusedAsync(() => registry.Stakeholders.MergeStakeholdersAsync(
            new MergeStakeholdersRequest { Primary = primary.Name, Duplicates = { duplicate.Name }, Etag = "\"99\"" }).ResponseAsync);
        var itself = await RefusedAsync(() => registry.Stakeholders.MergeStakeholdersAsync(
            new MergeStakeholdersRequest { Primary = primary.Name, Duplicates = { primary.Name } }).ResponseAsync);
        var none = await RefusedAsync(() => registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = primary.Name }).ResponseAsync);

        Assert.Equal("STAKEHOLDER_ERASED", intoErased.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("STAKEHOLDER_ERASED", fromErased.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, itself.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, none.StatusCode);
        Assert.Equal(before, await StateAsync(registry));
    }

    [Fact]
    public async Task Merging_the_primary_on_carries_its_aliases_along_and_a_merged_name_cannot_be_merged_again()
    {
        var (registry, primary, duplicate) = await ArrangeAsync();
        await using var _ = registry;
        var third = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "W. Kleinwächter" } });
        await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = primary.Name, Duplicates = { duplicate.Name } });
        await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = third.Name, Duplicates = { primary.Name } });

        Assert.Equal(third.Name, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = duplicate.Name })).Name);
        Assert.Equal(third.Name, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = primary.Name })).Name);
        var again = await RefusedAsync(() => registry.Stakeholders.MergeStakeholdersAsync(
            new MergeStakeholdersRequest { Primary = third.Name, Duplicates = { duplicate.Name } }).ResponseAsync);
        Assert.Equal("STAKEHOLDER_MERGED", again.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        var delete = await RefusedAsync(() => registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = primary.Name }).ResponseAsync);
        Assert.Equal("STAKEHOLDER_MERGED", delete.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }
}
