import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ACCESS_REASON_MAX, ACCESS_REASON_MIN } from '../../access/protected-identity-policy';
import { Optional } from '../../common/validation/optional';

/** `GET /cases/{id}` and `/events`: the reader's reason, needed for the free text of a protected case (ADR 0029). */
export class CaseReadQueryDto {
  @ApiPropertyOptional({
    minLength: ACCESS_REASON_MIN,
    maxLength: ACCESS_REASON_MAX,
    example: 'Utredning av händelsen enligt uppdrag',
    description:
      'Skäl till läsningen (3–500 tecken). Behövs för fritexten i ett ärende med skyddade personuppgifter; skrivs i åtkomstloggen. Namnge inte personen.',
  })
  @Optional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(ACCESS_REASON_MIN)
  @MaxLength(ACCESS_REASON_MAX)
  reason?: string;
}
