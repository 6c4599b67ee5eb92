using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Meetings;

public sealed class MeetingRow : IPageable, IVersionedRow
{
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Forum { get; set; } = "";
    public string StartDate { get; set; } = "";
    public string EndDate { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public string CreateTime { get; set; } = "";
    public string UpdateTime { get; set; } = "";
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    public MeetingRow Copy() => (MeetingRow)MemberwiseClone();
}

public sealed class SessionRow : IPageable, IVersionedRow
{
    public string MeetingId { get; set; } = "";
    public string Id { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public int Kind { get; set; }
    public int State { get; set; }
    public string Theme { get; set; } = "";
    public string StartTime { get; set; } = "";
    public string EndTime { get; set; } = "";
    public string Room { get; set; } = "";
    public int? GrcParticipantCount { get; set; }
    public int? GrcWomenCount { get; set; }
    public int GrcWomenShareBand { get; set; }
    public int GrcGenderDiscussion { get; set; }
    public string CreateTime { get; set; } = "";
    public string UpdateTime { get; set; } = "";
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    /// <summary>Organisation ids, in order.</summary>
    public List<string> OrganizerIds { get; set; } = [];

    public SessionRow Copy()
    {
        var copy = (SessionRow)MemberwiseClone();
        copy.OrganizerIds = [.. OrganizerIds];
        return copy;
    }
}

/// <summary>The snapshot columns shared by seats and registrations.</summary>
public abstract class SnapshotRow
{
    public string SnapDisplayName { get; set; } = "";
    public int SnapStakeholderGroup { get; set; }
    public int SnapRegionalGroup { get; set; }
    public string SnapCountryCode { get; set; } = "";
    public string SnapAffiliation { get; set; } = "";
    public string? SnapOrganizationId { get; set; }

    /// <summary>Live copies of the person's gender and attributes (not history; never returned by the API).</summary>
    public int PersonGender { get; set; }

    public long PersonAttributes { get; set; }
}

public sealed class ParticipantRow : SnapshotRow, IPageable, IVersionedRow
{
    public string MeetingId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public string Id { get; set; } = "";
    public string StakeholderId { get; set; } = "";
    public int Role { get; set; }
    public int Confirmation { get; set; }
    public int Attendance { get; set; }
    public string CreateTime { get; set; } = "";
    public string UpdateTime { get; set; } = "";
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    public ParticipantRow Copy() => (ParticipantRow)MemberwiseClone();
}

public sealed class RegistrationRow : SnapshotRow, IPageable, IVersionedRow
{
    public string MeetingId { get; set; } = "";
    public string Id { get; set; } = "";
    public string StakeholderId { get; set; } = "";
    public int Attendance { get; set; }
    public string CreateTime { get; set; } = "";
    public string UpdateTime { get; set; } = "";
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    public RegistrationRow Copy() => (RegistrationRow)MemberwiseClone();
}
