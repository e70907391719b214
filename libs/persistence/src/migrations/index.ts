import { InitialSchema1764090000000 } from './1764090000000-initial-schema';
import { ReadModels1764090100000 } from './1764090100000-read-models';
import { LedningssystemReadModels1764120000000 } from './1764120000000-ledningssystem-read-models';
import { MailMessages1764100000000 } from './1764100000000-mail-messages';
import { StatisticsAndReports1764100100000 } from './1764100100000-statistics-and-reports';
import { CaseRemindersAndSharedLimits1764130000000 } from './1764130000000-case-reminders-and-shared-limits';
import { RiskAssessments1764110000000 } from './1764110000000-risk-assessments';
import { Improvement1764110100000 } from './1764110100000-improvement';
import { OutboxPointsAtEvent1764140000000 } from './1764140000000-outbox-points-at-event';
import { StatisticsTimelines17641500000000 } from './17641500000000-statistics-timelines';
import { CaseStateUncompressed17641600000000 } from './17641600000000-case-state-uncompressed';
import { DeadLetterReplay17641700000000 } from './17641700000000-dead-letter-replay';
import { Classifications17641800000000 } from './17641800000000-classifications';
import { AccessLogSearches17641824000000 } from './17641824000000-access-log-searches';
import { UserNotifications17641910000000 } from './17641910000000-user-notifications';
import { RetentionLog17642000000000 } from './17642000000000-retention-log';
import { MailCaseId17642010000000 } from './17642010000000-mail-case-id';
import { CaseDataKeys17642100000000 } from './17642100000000-case-data-keys';
import { AccessLogReason17642200000000 } from './17642200000000-access-log-reason';
import { ReportVersions17642900000000 } from './17642900000000-report-versions';

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
  StatisticsTimelines17641500000000,
  CaseStateUncompressed17641600000000,
  DeadLetterReplay17641700000000,
  Classifications17641800000000,
  AccessLogSearches17641824000000,
  UserNotifications17641910000000,
  RetentionLog17642000000000,
  MailCaseId17642010000000,
  CaseDataKeys17642100000000,
  AccessLogReason17642200000000,
  ReportVersions17642900000000,
];
