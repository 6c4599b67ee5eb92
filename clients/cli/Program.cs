return await ParticipationRegistry.Cli.RegistryCli.RunAsync(args);
