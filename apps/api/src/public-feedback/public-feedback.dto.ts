import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { FEEDBACK_KINDS, type FeedbackKind } from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';
import { IsDateOrDateTime, IsKnownUnit, IsNotBlank } from '../common/validation/validators';
import { LONG_TEXT, SHORT_TEXT } from '../cases/dto/text-limits';

export class FeedbackContactDto {
  @ApiPropertyOptional({ maxLength: SHORT_TEXT, example: 'anna@example.se' })
  @Optional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  email?: string;

  @ApiPropertyOptional({ maxLength: 50, example: '070-123 45 67' })
  @Optional()
  @IsString()
  @MaxLength(50)
  phone?: string;
}

export class PublicFeedbackDto {
  @ApiProperty({ minLength: 1, maxLength: LONG_TEXT, description: 'Vad du vill berätta' })
  @IsDefined()
  @IsString()
  @IsNotBlank()
  @MaxLength(LONG_TEXT)
  message!: string;

  @ApiPropertyOptional({
    enum: FEEDBACK_KINDS,
    enumName: 'FeedbackKind',
    description: 'Klagomål, synpunkt eller beröm; behöver inte anges',
  })
  @Optional()
  @IsIn(FEEDBACK_KINDS)
  kind?: FeedbackKind;

  @ApiPropertyOptional({ example: 'solgarden', description: 'Verksamheten det gäller, om du vet' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'När det hände (datum eller tidpunkt med tidszon)',
  })
  @Optional()
  @IsDateOrDateTime()
  occurredAt?: string;

  @ApiPropertyOptional({ maxLength: SHORT_TEXT, description: 'Ditt namn; utelämna för att vara anonym' })
  @Optional()
  @IsString()
  @MaxLength(SHORT_TEXT)
  name?: string;

  @ApiPropertyOptional({ type: FeedbackContactDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => FeedbackContactDto)
  contact?: FeedbackContactDto;

  @ApiPropertyOptional({ description: 'Vill du ha svar?' })
  @Optional()
  @IsBoolean()
  wantsAnswer?: boolean;
}

export class PublicFeedbackReceiptDto {
  @ApiProperty({ example: 'KL-2026-0112', description: 'Ärendenumret att hänvisa till' })
  reference!: string;
}
