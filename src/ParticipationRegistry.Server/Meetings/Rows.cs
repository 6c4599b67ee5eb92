using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Meetings;

public sealed class MeetingRow : VersionedRow
{
    public string DisplayName { get; set; } = "";
    public string Forum { get; set; } = "";
    public string StartDate { get; set; } = "";
    public string EndDate { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public string TimeZone { get; set; } = "";

    public override MeetingRow Copy() => (MeetingRow)base.Copy();
}

public sealed class SessionRow : VersionedRow
{
    public string MeetingId { get; set; } = "";
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

    /// <summary>Organisation ids, in order.</summary>
    public List<string> OrganizerIds { get; set; } = [];

    public override SessionRow Copy()
    {
        var copy = (SessionRow)base.Copy();
        copy.OrganizerIds = [.. OrganizerIds];
        return copy;
    }
}

/// <summary>A row holding a person: a copy of their record as it was (the snapshot), and live copies of what is not history.</summary>
public abstract class PersonRow : VersionedRow
{
    public string StakeholderId { get; set; } = "";
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

/// <summary>A seat on a panel.</summary>
public sealed class ParticipantRow : PersonRow
{
    public string MeetingId { get; set; } = "";
    public string SessionId { get; set; } = "";
    public int Role { get; set; }
    public int Confirmation { get; set; }
    public int Attendance { get; set; }

    public override ParticipantRow Copy() => (ParticipantRow)base.Copy();
}

public sealed class RegistrationRow : PersonRow
{
    public string MeetingId { get; set; } = "";
    public int Attendance { get; set; }

    /// <summary>RFC 3339 UTC, '' = not checked in.</summary>
    public string CheckInTime { get; set; } = "";

    public override RegistrationRow Copy() => (RegistrationRow)base.Copy();
}

public sealed class ForumRow : VersionedRow
{
    public string DisplayName { get; set; } = "";
    public int Kind { get; set; }
    public string CountryCode { get; set; } = "";
    public int RegionalGroup { get; set; }
    public string TimeZone { get; set; } = "";
    public string DefaultPolicy { get; set; } = "";

    /// <summary>One "kind=policy" per line.</summary>
    public string KindPolicies { get; set; } = "";

    public override ForumRow Copy() => (ForumRow)base.Copy();
}
