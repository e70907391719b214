import { ApiProperty } from '@nestjs/swagger';
import { LEGAL_AREAS, type LegalArea } from '@kvalitet/domain';

export class ExclusionAnalysisDto {
  @ApiProperty({ example: '2026-09-15', description: 'Beslutsdag' })
  decidedAt!: string;

  @ApiProperty({ example: 'Vård- och omsorgsnämnden, VON 2026-09-15 § 88' })
  decidedBy!: string;

  @ApiProperty({ description: 'Analysen: varför enheten står utanför ledningssystemet (PR-11, AUD-7)' })
  rationale!: string;
}

export class OrgUnitDto {
  @ApiProperty({ example: 'solgarden' })
  id!: string;

  @ApiProperty({ example: 'Särskilt boende Solgården' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'aldreomsorg' })
  parentId!: string | null;

  @ApiProperty({ example: 'socialnamnden', description: 'Nämnden vars ärenden enheten hör till' })
  boardId!: string;

  @ApiProperty({ example: 'socialforvaltningen' })
  forvaltningId!: string;

  @ApiProperty({ enum: LEGAL_AREAS, isArray: true, example: ['SoL', 'HSL'] })
  legalAreas!: LegalArea[];

  @ApiProperty({ description: 'Omfattas av ledningssystemet (SOSFS 2011:9); annars finns en analys' })
  inLedningssystem!: boolean;

  @ApiProperty({ type: ExclusionAnalysisDto, nullable: true })
  exclusionAnalysis!: ExclusionAnalysisDto | null;

  @ApiProperty({ type: () => [OrgUnitDto], description: 'Underordnade enheter' })
  children!: OrgUnitDto[];
}

export class OrgUnitsDto {
  @ApiProperty({ type: [OrgUnitDto], description: 'Enhetsträden, ett per förvaltning' })
  items!: OrgUnitDto[];
}

export class RoleHolderDto {
  @ApiProperty({ example: 'mas' })
  role!: string;

  @ApiProperty({ example: 'mas' })
  username!: string;

  @ApiProperty({ example: 'Lena Ström' })
  name!: string;
}

export class ForvaltningDto {
  @ApiProperty({ example: 'socialforvaltningen' })
  id!: string;

  @ApiProperty({ example: 'Socialförvaltningen' })
  name!: string;
}

export class BoardDto {
  @ApiProperty({ example: 'socialnamnden' })
  id!: string;

  @ApiProperty({ example: 'Socialnämnden' })
  name!: string;

  @ApiProperty({ enum: LEGAL_AREAS, isArray: true })
  legalAreas!: LegalArea[];

  @ApiProperty({ type: [ForvaltningDto] })
  forvaltningar!: ForvaltningDto[];

  @ApiProperty({ type: [String], description: 'Nämndens enheter' })
  unitIds!: string[];

  @ApiProperty({
    type: [RoleHolderDto],
    description:
      'Nämndövergripande roller (förvaltningschef, SAS, MAS, kvalitet, dataskydd); en MAS kan tjäna flera nämnder',
  })
  roleHolders!: RoleHolderDto[];

  @ApiProperty({ description: 'Anroparen tjänar nämnden (läser dess ärenden i sin roll)' })
  mine!: boolean;
}

export class BoardsDto {
  @ApiProperty({ example: 'Exempelkommun' })
  municipality!: string;

  @ApiProperty({ type: [BoardDto] })
  items!: BoardDto[];
}
