import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELEGATION_DECISIONS,
  DELEGATION_MAX_ITEMS,
  DELEGATION_ROLES,
  DELEGATION_TEXT_MAX_LENGTH,
} from '@kvalitet/domain';

/** Documentation only: the body is checked by the domain's validateDelegationDocument (Swedish field errors). */
export class DelegationItemDto {
  @ApiProperty({ enum: DELEGATION_DECISIONS, description: 'Beslutet som är delegerat' })
  decision!: string;

  @ApiPropertyOptional({
    enum: DELEGATION_ROLES,
    description: 'Rollen som har delegationen (ange antingen role eller username)',
  })
  role?: string;

  @ApiPropertyOptional({
    maxLength: DELEGATION_TEXT_MAX_LENGTH,
    description: 'Personen (användarnamn) som har delegationen (ange antingen role eller username)',
  })
  username?: string;

  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'Första dagen delegationen gäller' })
  validFrom!: string;

  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'Sista dagen delegationen gäller (inklusive); null = tills vidare',
  })
  validTo?: string | null;

  @ApiPropertyOptional({
    maxLength: DELEGATION_TEXT_MAX_LENGTH,
    example: 'SN 2025-12-10 § 141',
    description: 'Nämndens beslut om delegationen',
  })
  boardDecision?: string;
}

export class DelegationsDocumentDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Den version ändringen bygger på (valfri); en inaktuell version ger 409',
  })
  version?: number;

  @ApiProperty({
    type: [DelegationItemDto],
    maxItems: DELEGATION_MAX_ITEMS,
    description: 'Hela förteckningen',
  })
  items!: DelegationItemDto[];
}

export class DelegationsDto {
  @ApiProperty({
    minimum: 1,
    description: 'Förteckningens version; 1 = demoförteckningen (inget sparat ännu)',
  })
  version!: number;

  @ApiProperty({ type: [DelegationItemDto] })
  items!: DelegationItemDto[];

  @ApiPropertyOptional({ format: 'date-time' })
  changedAt?: string;

  @ApiPropertyOptional({ description: 'Vem som sparade versionen' })
  changedBy?: string;
}
