import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { DataSource } from 'typeorm';
import { DEFAULT_MAIL_PREFERENCE, MAIL_PREFERENCES, type MailPreference } from '@kvalitet/domain';
import type { Principal } from '../access/principal';
import { CurrentUser } from '../auth/auth.decorators';
import { ApiProblems } from '../common/problem/api-problems.decorator';
import { DATA_SOURCE } from '../infrastructure/infrastructure.tokens';

export class NotificationPreferencesDto {
  @ApiProperty({
    enum: MAIL_PREFERENCES,
    description:
      'E-post om dina notiser: direkt (ett mejl per händelse), en sammanfattning per dag eller inga mejl. Klockan i appen visar allt oavsett val.',
  })
  @IsIn(MAIL_PREFERENCES)
  mail!: MailPreference;
}

/** Each person's own choice of mail for their notifications (issue 21); nobody sets another's. */
@ApiTags('notiser')
@ApiBearerAuth()
@Controller('notifications/preferences')
export class NotificationPreferencesController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Dina val för e-post om notiser', operationId: 'notifications_preferences' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems(401)
  async get(@CurrentUser() user: Principal): Promise<NotificationPreferencesDto> {
    const [row]: { mail: MailPreference }[] = await this.dataSource.query(
      `SELECT mail FROM notification_preferences WHERE username = $1`,
      [user.username.toLowerCase()],
    );
    return { mail: row?.mail ?? DEFAULT_MAIL_PREFERENCE };
  }

  @Put()
  @ApiOperation({
    summary: 'Ändra dina val för e-post om notiser',
    operationId: 'notifications_setPreferences',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems(400, 401)
  async put(
    @CurrentUser() user: Principal,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (username, mail, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (username) DO UPDATE SET mail = EXCLUDED.mail, updated_at = now()`,
      [user.username.toLowerCase(), body.mail],
    );
    return { mail: body.mail };
  }
}
