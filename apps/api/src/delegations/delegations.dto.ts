import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DECIDING_BODIES,
  DELEGATION_DECISIONS,
  DELEGATION_MAX_ITEMS,
  DELEGATION_ROLES,
  DELEGATION_TEXT_MAX_LENGTH,
} from '@kvalitet/domain';

export class DelegationEndedDto {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() by!: string;
}

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

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Radens id, samma som förordnandets i /appointments (ADR 0034); sätts av systemet',
  })
  id?: string;

  @ApiPropertyOptional({ enum: DECIDING_BODIES, description: 'Vem som fattade beslutet (standard: nämnden)' })
  decidedBy?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Dagen beslutet fattades' })
  decidedOn?: string;

  @ApiPropertyOptional({
    maxLength: DELEGATION_TEXT_MAX_LENGTH,
    example: 'Delegationsordning 2026 p. 4.1',
    description: 'Punkten i delegationsordningen',
  })
  delegationReference?: string;

  @ApiPropertyOptional({
    type: DelegationEndedDto,
    description: 'Förordnandet avslutades i förtid; sista dagen är validTo',
  })
  ended?: DelegationEndedDto;
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
