namespace ParticipationRegistry.Tests.Storage.Upgrades;

/// <summary>
/// Rows written by each released schema, as SQL against that schema: the rows of version N are inserted right
/// after migration N, so a database of version K holds the rows every version up to K could write, carried
/// through the later migrations as a real upgrade carries them. <c>{now}</c> is the test's time (request ids
/// and audit events older than their retention are purged by design at start).
/// </summary>
public static class UpgradeFixtures
{
    public static readonly IReadOnlyDictionary<int, string> RowsAfter = new Dictionary<int, string>
    {
        [1] = """
            INSERT INTO registry_secrets (name, value) VALUES ('page_token_key', X'000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F');
            INSERT INTO request_ids (request_id, method, fingerprint, response, create_time)
            VALUES ('6f1c2a7e-0d2b-4c55-9a55-8f0f4a4b1c01', '/participation.registry.v1.StakeholderService/CreateStakeholder', X'AB', X'0A03616263', '{now}');
            INSERT INTO organizations (id, display_name, stakeholder_group, multistakeholder, country_code, create_time, update_time, version)
            VALUES ('org-isoc', 'Internet Society', 3, 0, '', '2012-10-01T09:00:00.0000000Z', '2012-10-01T09:00:00.0000000Z', 1),
                   ('org-itfc', 'IT for Change', 2, 0, 'IN', '2012-10-01T09:00:00.0000000Z', '2012-10-02T09:00:00.0000000Z', 2);
            INSERT INTO stakeholders (id, display_name, affiliation, organization_id, stakeholder_group, country_code, regional_group,
                                      regional_group_stated, gender, attributes, email, erased, create_time, update_time, version)
            VALUES ('p-major', 'Peter Major', 'Permanent Mission of Hungary to the UN in Geneva', NULL, 1, '', 5, 1, 2, 0, '', 0,
                    '2012-10-01T10:00:00.0000000Z', '2012-10-01T10:00:00.0000000Z', 1),
                   ('p-kleinwaechter', 'Wolfgang Kleinwächter', 'University of Aarhus', NULL, 2, '', 5, 1, 0, 0, 'wk@example.org', 0,
                    '2012-10-01T10:01:00.0000000Z', '2012-10-01T10:01:00.0000000Z', 1),
                   ('p-kultamaa', 'Mervi Kultamaa', 'Ministry for Foreign Affairs of Finland', NULL, 1, 'FI', 5, 0, 1, 2, '', 0,
                    '2012-10-01T10:02:00.0000000Z', '2012-10-03T10:02:00.0000000Z', 3),
                   ('p-kummer', 'Markus Kummer', 'Internet Society', 'org-isoc', 3, '', 5, 1, 2, 0, '', 0,
                    '2012-10-01T10:03:00.0000000Z', '2012-10-01T10:03:00.0000000Z', 1),
                   ('p-singh', 'Parminder Jeet Singh', 'IT for Change', 'org-itfc', 2, 'IN', 4, 0, 2, 0, '', 0,
                    '2012-10-01T10:04:00.0000000Z', '2012-10-01T10:04:00.0000000Z', 1);
            INSERT INTO meetings (id, display_name, forum, start_date, end_date, country_code, create_time, update_time, version)
            VALUES ('igf-2012', 'IGF 2012 Baku', 'IGF', '2012-11-06', '2012-11-09', 'AZ', '2012-09-01T00:00:00.0000000Z', '2012-09-01T00:00:00.0000000Z', 1),
                   ('eurodig-2013', 'EuroDIG 2013 Lisbon', 'EuroDIG (Pan-European)', '2013-06-20', '2013-06-21', 'PT', '2013-01-01T00:00:00.0000000Z', '2013-01-01T00:00:00.0000000Z', 1);
            INSERT INTO sessions (meeting_id, id, display_name, kind, state, theme, start_time, end_time, room, grc_participant_count,
                                  grc_women_count, grc_women_share_band, grc_gender_discussion, create_time, update_time, version)
            VALUES ('igf-2012', 'ws-85', 'Quo Vadis IGF – or Evolution of IGF', 2, 4, 'Taking stock', '2012-11-07T09:00:00.0000000Z',
                    '2012-11-07T10:30:00.0000000Z', 'Room 3', 60, NULL, 3, 2, '2012-09-02T00:00:00.0000000Z', '2012-11-10T00:00:00.0000000Z', 4);
            INSERT INTO session_organizers (meeting_id, session_id, position, organization_id) VALUES ('igf-2012', 'ws-85', 0, 'org-itfc');
            INSERT INTO participants (meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance, snap_display_name,
                                      snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id,
                                      create_time, update_time, version)
            VALUES ('igf-2012', 'ws-85', 'seat-major', 'p-major', 2, 2, 1, 'Peter Major', 1, 5, '', 'Permanent Mission of Hungary to the UN in Geneva', NULL,
                    '2012-10-05T00:00:00.0000000Z', '2012-10-05T00:00:00.0000000Z', 1),
                   ('igf-2012', 'ws-85', 'seat-kultamaa', 'p-kultamaa', 2, 3, 0, 'Mervi Kultamaa', 1, 5, 'FI', 'Ministry for Foreign Affairs of Finland', NULL,
                    '2012-10-05T00:01:00.0000000Z', '2012-10-05T00:01:00.0000000Z', 1),
                   ('igf-2012', 'ws-85', 'seat-singh', 'p-singh', 2, 3, 1, 'Parminder Jeet Singh', 2, 4, 'IN', 'IT for Change', 'org-itfc',
                    '2012-10-05T00:02:00.0000000Z', '2012-10-05T00:02:00.0000000Z', 1);
            INSERT INTO registrations (meeting_id, id, stakeholder_id, attendance, snap_display_name, snap_stakeholder_group, snap_regional_group,
                                       snap_country_code, snap_affiliation, snap_organization_id, create_time, update_time, version)
            VALUES ('igf-2012', 'reg-kummer', 'p-kummer', 1, 'Markus Kummer', 3, 5, '', 'Internet Society', 'org-isoc',
                    '2012-10-06T00:00:00.0000000Z', '2012-10-06T00:00:00.0000000Z', 1);
            """,
        [2] = """
            INSERT INTO policies (id, display_name, description, rules, create_time, update_time, version)
            VALUES ('baku-panels', 'Baku panels', 'No rules yet', X'', '2012-09-03T00:00:00.0000000Z', '2012-09-03T00:00:00.0000000Z', 1);
            INSERT INTO registry_state (name, value) VALUES ('demo_loaded', 'meetings/igf-2012/sessions/ws-85');
            """,
        [6] = """
            INSERT INTO api_keys (id, secret_hash, role, display_name, expire_time, create_time, last_use_time, revoke_time)
            VALUES ('ws85-organisers', X'0102030405060708091011121314151617181920212223242526272829303132', 3, 'WS 85 organisers',
                    NULL, '2012-09-04T00:00:00.0000000Z', NULL, NULL);
            INSERT INTO api_key_sessions (key_id, meeting_id, session_id) VALUES ('ws85-organisers', 'igf-2012', 'ws-85');
            INSERT INTO api_key_meetings (key_id, meeting_id) VALUES ('ws85-organisers', 'igf-2012');
            """,
        [7] = """
            INSERT INTO audit_events (id, time, key_id, method, resource, fields, action, request_id)
            VALUES ('01930000-0000-7000-8000-000000000001', '{now}', 'ws85-organisers', '/participation.registry.v1.MeetingService/CreateParticipant',
                    'meetings/igf-2012/sessions/ws-85/participants/seat-singh', 'stakeholder,role', 1, NULL);
            """,
        [13] = """
            INSERT INTO forums (id, display_name, kind, country_code, regional_group, time_zone, default_policy, kind_policies, create_time, update_time, version)
            VALUES ('eurodig', 'EuroDIG', 3, '', 5, 'Europe/Berlin', '', '', '2013-01-02T00:00:00.0000000Z', '2013-01-02T00:00:00.0000000Z', 1);
            """,
        [14] = """
            INSERT INTO api_key_forums (key_id, forum_id) VALUES ('ws85-organisers', 'igf');
            """,
        [16] = """
            INSERT INTO declaration_links (token_hash, stakeholder_id, create_time, expire_time, created_by, use_time, revoke_time)
            VALUES (X'A1A2A3A4', 'p-kultamaa', '{now}', '2099-01-01T00:00:00.0000000Z', 'apiKeys/ws85-organisers', NULL, NULL);
            """,
        [17] = """
            INSERT INTO stakeholder_not_duplicates (stakeholder_a, stakeholder_b, create_time)
            VALUES ('p-kleinwaechter', 'p-kummer', '2026-11-30T00:00:00.0000000Z');
            INSERT INTO stakeholder_aliases (alias_id, stakeholder_id, merge_time, moved)
            VALUES ('p-major-duplicate', 'p-major', '2026-11-30T00:00:00.0000000Z', '[]');
            """,
    };
}
