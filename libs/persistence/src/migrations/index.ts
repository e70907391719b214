import { InitialSchema1764090000000 } from './1764090000000-initial-schema';
import { ReadModels1764090100000 } from './1764090100000-read-models';
import { LedningssystemReadModels1764120000000 } from './1764120000000-ledningssystem-read-models';
import { MailMessages1764100000000 } from './1764100000000-mail-messages';
import { StatisticsAndReports1764100100000 } from './1764100100000-statistics-and-reports';
import { CaseRemindersAndSharedLimits1764130000000 } from './1764130000000-case-reminders-and-shared-limits';
import { RiskAssessments1764110000000 } from './1764110000000-risk-assessments';
import { Improvement1764110100000 } from './1764110100000-improvement';
import { OutboxPointsAtEvent1764140000000 } from './1764140000000-outbox-points-at-event';
import { StatisticsTimelines1764150000000 } from './1764150000000-statistics-timelines';
import { CaseStateUncompressed1764160000000 } from './1764160000000-case-state-uncompressed';
import { DeadLetterReplay1764170000000 } from './1764170000000-dead-letter-replay';
import { Classifications1764180000000 } from './1764180000000-classifications';
import { AccessLogSearches1764182400000 } from './1764182400000-access-log-searches';
import { UserNotifications1764191000000 } from './1764191000000-user-notifications';
import { RetentionLog1764200000000 } from './1764200000000-retention-log';
import { MailCaseId1764201000000 } from './1764201000000-mail-case-id';
import { CaseDataKeys1764210000000 } from './1764210000000-case-data-keys';
import { AccessLogReason1764220000000 } from './1764220000000-access-log-reason';
import { ReportVersions1764290000000 } from './1764290000000-report-versions';
import { DirectoryUsers1764310000000 } from './1764310000000-directory-users';
import { NotificationPreferences1764320000000 } from './1764320000000-notification-preferences';
import { Attachments1764330000000 } from './1764330000000-attachments';
import { AuthSessions1764340000000 } from './1764340000000-auth-sessions';
import { AttachmentObjectRemovals1764350000000 } from './1764350000000-attachment-object-removals';

export const MIGRATIONS = [
  InitialSchema1764090000000,
  ReadModels1764090100000,
  MailMessages1764100000000,
  StatisticsAndReports1764100100000,
  RiskAssessments1764110000000,
  Improvement1764110100000,
  LedningssystemReadModels1764120000000,
  CaseRemindersAndSharedLimits1764130000000,
  OutboxPointsAtEvent1764140000000,
  StatisticsTimelines1764150000000,
  CaseStateUncompressed1764160000000,
  DeadLetterReplay1764170000000,
  Classifications1764180000000,
  AccessLogSearches1764182400000,
  UserNotifications1764191000000,
  RetentionLog1764200000000,
  MailCaseId1764201000000,
  CaseDataKeys1764210000000,
  AccessLogReason1764220000000,
  ReportVersions1764290000000,
  DirectoryUsers1764310000000,
  NotificationPreferences1764320000000,
  Attachments1764330000000,
  AuthSessions1764340000000,
  AttachmentObjectRemovals1764350000000,
];
