using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Programme;

/// <summary>The JSON shape of the feed: local times as RFC 3339 with the meeting's offset.</summary>
public static class ProgrammeJson
{
    public sealed record Panellist(string DisplayName, string Affiliation, string Role, string StakeholderGroup, string RegionalGroup);

    public sealed record Session(string Name, string DisplayName, string Kind, string State, string Theme, string Room, string? StartTime, string? EndTime, IReadOnlyList<Panellist> Panellists);

    public sealed record Meeting(string Name, string DisplayName, string TimeZone, IReadOnlyList<Session> Sessions);

    public static Meeting From(FeedProgramme programme) => new(
        programme.Name,
        programme.DisplayName,
        programme.TimeZoneId,
        programme.Sessions.Select(s => new Session(
            s.Name, s.DisplayName, s.Kind, s.State, s.Theme, s.Room,
            s.StartTime is { } start ? FeedProgramme.Rfc3339(start) : null,
            s.EndTime is { } end ? FeedProgramme.Rfc3339(end) : null,
            s.Panellists.Select(p => new Panellist(
                p.DisplayName, p.Affiliation, ProtoEnums.NameOf(p.Role), ProtoEnums.NameOf(p.StakeholderGroup), ProtoEnums.NameOf(p.RegionalGroup))).ToList())).ToList());
}
