using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>Names as the Meeting service reads them: the <c>-</c> wildcard only where a list allows it.</summary>
public sealed class ResourceNameTests
{
    [Fact]
    public async Task A_wildcard_session_names_no_single_session()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");

        await RpcAssert.InvalidFieldAsync("name", () => registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = "meetings/igf-2012/sessions/-" }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("parent", () => registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = "meetings/igf-2012/sessions/-",
            Participant = new Participant { Stakeholder = "stakeholders/x", Role = ParticipantRole.Speaker },
        }).ResponseAsync);
    }

    [Fact]
    public async Task A_wildcard_meeting_is_refused_even_where_sessions_may_be_a_wildcard()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("parent", () => registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/-/sessions/-" }).ResponseAsync);
    }

    [Theory]
    [InlineData("")]
    [InlineData("meetings/igf-2012/sessions/ws-85")]
    [InlineData("meetings/igf-2012/sessions/ws-85/participants/")]
    [InlineData("meetings/igf-2012/sessions/ws 85/participants/p")]
    public async Task A_participant_name_of_another_shape_is_invalid(string name)
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("name", () => registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = name }).ResponseAsync);
    }
}
