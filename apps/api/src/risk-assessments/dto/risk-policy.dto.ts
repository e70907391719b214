import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_TYPES } from '@kvalitet/domain';

const BAND = {
  type: 'object',
  required: ['min', 'max'],
  additionalProperties: false,
  properties: {
    min: { type: 'integer', minimum: 1, maximum: 16 },
    max: { type: 'integer', minimum: 1, maximum: 16 },
  },
};

const BANDS_SCHEMA = {
  type: 'object',
  required: ['low', 'medium', 'high', 'very_high'],
  // `required` above is the object's own list; Nest then leaves the property itself out of the DTO's required list
  selfRequired: true,
  additionalProperties: false,
  properties: { low: BAND, medium: BAND, high: BAND, very_high: BAND },
  description: 'Riskvärden per nivå (RA-3); standard 1–3 låg, 4–6 medel, 8–9 hög, 12–16 mycket hög',
  example: {
    low: { min: 1, max: 3 },
    medium: { min: 4, max: 6 },
    high: { min: 8, max: 9 },
    very_high: { min: 12, max: 16 },
  },
};

const PATTERN_SCHEMA = {
  type: 'object',
  required: [
    'windowDays',
    'sameUnitThreshold',
    'crossUnitThreshold',
    'crossUnitMinUnits',
    'caseTypes',
    'cooldownDays',
  ],
  selfRequired: true,
  additionalProperties: false,
  properties: {
    windowDays: { type: 'integer', minimum: 1, maximum: 3660 },
    sameUnitThreshold: { type: 'integer', minimum: 2, maximum: 10000 },
    crossUnitThreshold: { type: 'integer', minimum: 2, maximum: 10000 },
    crossUnitMinUnits: { type: 'integer', minimum: 2, maximum: 1000 },
    caseTypes: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: [...CASE_TYPES] },
    },
    cooldownDays: { type: 'integer', minimum: 0, maximum: 3660 },
  },
  description: 'Mönsterregeln: när liknande avvikelser återkommer föreslås en riskanalys (RA-8)',
};

export class RiskPolicyDocumentDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Nuvarande version (valfri); en inaktuell version ger 409',
  })
  version?: number;

  @ApiProperty(BANDS_SCHEMA as never)
  bands!: Record<string, { min: number; max: number }>;

  @ApiProperty(PATTERN_SCHEMA as never)
  pattern!: Record<string, unknown>;
}

export class RiskPolicyDto {
  @ApiProperty({ minimum: 1, description: 'Riskpolicyns version; standardpolicyn är version 1' })
  version!: number;

  @ApiProperty(BANDS_SCHEMA as never)
  bands!: Record<string, { min: number; max: number }>;

  @ApiProperty(PATTERN_SCHEMA as never)
  pattern!: Record<string, unknown>;
}
