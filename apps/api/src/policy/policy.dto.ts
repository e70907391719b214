import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEADLINE_KEYS, ESCALATION_ROLES } from '@kvalitet/domain';

const DURATION_SCHEMA = {
  oneOf: [
    { type: 'string', description: 'ISO-8601-varaktighet, t.ex. PT24H, P14D, PT10S', example: 'PT24H' },
    {
      type: 'object',
      properties: { workingDays: { type: 'integer', minimum: 1, maximum: 2500 } },
      required: ['workingDays'],
      additionalProperties: false,
    },
  ],
};

const DEADLINES_SCHEMA = {
  type: 'object',
  description: 'Varaktighet per frist; projekt får lägga till egna nycklar (a-z, 0-9, _)',
  properties: Object.fromEntries(DEADLINE_KEYS.map((key) => [key, DURATION_SCHEMA])),
  required: [...DEADLINE_KEYS],
  // `required` above is the object's own list; Nest then leaves the property itself out of the DTO's required list
  selfRequired: true,
  additionalProperties: DURATION_SCHEMA,
  example: {
    acknowledgement: 'PT24H',
    lex_sarah_first_response: 'PT4H',
    lex_sarah_investigation: 'P14D',
    ivo_report: 'P7D',
    investigation: 'P30D',
    follow_up: 'P90D',
    action_reminder_before: 'P2D',
    escalation_repeat: 'P1D',
  },
};

const DELEGATE_SCHEMA = {
  type: 'object',
  properties: {
    role: { type: 'string', enum: [...ESCALATION_ROLES] },
    reference: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description: 'Hänvisning till delegationsordningen',
    },
  },
  required: ['role'],
  additionalProperties: false,
};

const DELEGATION_SCHEMA = {
  type: 'object',
  deprecated: true,
  description:
    'Ersatt av delegationsförteckningen (GET/PUT /api/v1/delegations, ADR 0023): tas emot och visas som förut men styr inte längre vem som beslutar',
  properties: { lex_sarah: DELEGATE_SCHEMA, lex_maria: DELEGATE_SCHEMA },
  additionalProperties: false,
  example: {
    lex_sarah: { role: 'director', reference: 'Delegationsordning punkt 4.2' },
    lex_maria: { role: 'mas' },
  },
};

export class PolicyDocumentDto {
  @ApiPropertyOptional({
    minimum: 1,
    description: 'Nuvarande version (valfri); en inaktuell version ger 409',
  })
  version?: number;

  @ApiProperty(DEADLINES_SCHEMA as never)
  deadlines!: Record<string, string | { workingDays: number }>;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: [...ESCALATION_ROLES] },
    minItems: 1,
    example: ['unit_manager', 'division_manager', 'director'],
  })
  escalationChain!: string[];

  @ApiPropertyOptional(DELEGATION_SCHEMA as never)
  decisionDelegation?: Record<string, { role: string; reference?: string }>;
}

export class PolicyDto {
  @ApiProperty({ minimum: 1, description: 'Policyns version; standardpolicyn är version 1' })
  version!: number;

  @ApiProperty(DEADLINES_SCHEMA as never)
  deadlines!: Record<string, string | { workingDays: number }>;

  @ApiProperty({
    type: 'array',
    items: { type: 'string' },
    example: ['unit_manager', 'division_manager', 'director'],
  })
  escalationChain!: string[];

  @ApiPropertyOptional(DELEGATION_SCHEMA as never)
  decisionDelegation?: Record<string, { role: string; reference?: string }>;
}
