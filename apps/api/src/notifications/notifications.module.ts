import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Mailer, mailConfigFromEnv } from '@kvalitet/notifications';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';
import { InAppNotificationsController } from './in-app-notifications.controller';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationsController } from './notifications.controller';

/** The mailer (SMTP or the local capture) and the mailbox endpoints; other modules inject `Mailer`. */
@Global()
@Module({
  controllers: [NotificationsController, InAppNotificationsController, NotificationPreferencesController],
  providers: [
    {
      provide: Mailer,
      inject: [DATA_SOURCE],
      useFactory: (dataSource: DataSource) => {
        const config = mailConfigFromEnv();
        return new Mailer({
          db: dataSource,
          smtpUrl: config.SMTP_URL,
          from: config.MAIL_FROM,
          addressDomain: config.MAIL_DOMAIN,
        });
      },
    },
  ],
  exports: [Mailer],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(Mailer) private readonly mailer: Mailer) {}

  onApplicationShutdown(): void {
    this.mailer.close();
  }
}
