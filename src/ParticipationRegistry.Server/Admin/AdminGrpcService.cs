using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Admin;

/// <summary>AdminService: backups (admin only, as <see cref="Access.AccessRules"/> says).</summary>
public sealed class AdminGrpcService(Backups backups) : AdminService.AdminServiceBase
{
    public override async Task<Backup> CreateBackup(CreateBackupRequest request, ServerCallContext context)
    {
        // An id, never a path: the file is always {id}.db inside the backup folder.
        if (request.BackupId.Length > 0 && !Ids.IsValidUserId(request.BackupId))
        {
            throw RegistryException.InvalidArgument("backup_id", $"The backup's file name without .db: it {Ids.UserIdRule}; never a path.");
        }

        var id = request.BackupId.Length > 0 ? request.BackupId : backups.DefaultId();
        var file = await backups.CreateAsync(id, context.CancellationToken);
        return new Backup
        {
            Name = $"backups/{file.Id}",
            Path = file.Path,
            SizeBytes = file.SizeBytes,
            SchemaVersion = file.SchemaVersion,
            SnapshotTime = Timestamp.FromDateTimeOffset(file.SnapshotTime),
            CreateTime = Timestamp.FromDateTimeOffset(file.CreateTime),
            Sha256 = file.Sha256,
        };
    }
}
