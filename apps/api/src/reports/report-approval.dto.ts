import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsString, Length, Matches } from 'class-validator';
import { APPROVABLE_REPORT_NAMES } from '@kvalitet/domain';
import { Optional } from '../common/validation/optional';

export class ApproveReportDto {
  @ApiPropertyOptional({
    description:
      'Texten som ansvarig skrivit, per ställe i utkastet där en analys ska skrivas (id från utkastets prompts). Tomma räknas som inte skrivna.',
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 20000 },
    example: { egenkontroll: 'Årets egenkontroller visar …' },
  })
  @Optional()
  @IsObject()
  narratives?: Record<string, string>;
}

export class PresentReportDto {
  @ApiProperty({
    description: 'Mötet där versionen lades fram',
    example: 'Socialnämnden 2027-03-18',
    maxLength: 200,
  })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/)
  meeting!: string;

  @ApiProperty({ description: 'Paragraf eller diarienummer i protokollet', example: '§ 23', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/)
  reference!: string;
}

export class AnalysisPromptDto {
  @ApiProperty({ example: 'egenkontroll' }) id!: string;
  @ApiProperty({ example: 'Egenkontroll' }) sectionTitle!: string;
  @ApiProperty() prompt!: string;
}

export class ReportPresentationDto {
  @ApiProperty() meeting!: string;
  @ApiProperty() reference!: string;
  @ApiProperty({ description: 'Användarnamn' }) presentedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class ReportVersionSummaryDto {
  @ApiProperty({ example: 'patientsakerhetsberattelse:2026' }) key!: string;
  @ApiProperty({ minimum: 1 }) version!: number;
  @ApiProperty({ example: 'patientsakerhetsberattelse' }) kind!: string;
  @ApiProperty({ description: 'De nämnder rapporten gäller, eller alla', example: 'alla' }) scope!: string;
  @ApiProperty({ example: 'Patientsäkerhetsberättelse 2026' }) label!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ description: 'Användarnamn' }) approvedBy!: string;
  @ApiProperty({ example: 'Lena Ström' }) approvedByName!: string;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
  @ApiProperty({ type: [ReportPresentationDto] }) presentations!: ReportPresentationDto[];
}

export class ReportDraftDto {
  @ApiProperty({ enum: APPROVABLE_REPORT_NAMES }) report!: string;
  @ApiProperty({ example: '2026' }) period!: string;
  @ApiProperty({ example: 'Patientsäkerhetsberättelse 2026' }) label!: string;
  @ApiProperty({ example: 'patientsakerhetsberattelse:2026' }) key!: string;
  @ApiProperty({ example: 'alla' }) scope!: string;
  @ApiProperty({ type: [AnalysisPromptDto], description: 'Där en person ska skriva analysen' })
  prompts!: AnalysisPromptDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Senaste godkända version, null om ingen' })
  latestVersion!: number | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Om underlaget har ändrats sedan senaste godkända version; null om ingen finns',
  })
  changedSinceLatest!: boolean | null;
  @ApiProperty({ description: 'Om du får godkänna rapporten' }) canApprove!: boolean;
  @ApiProperty({
    description: 'Texterna i senaste godkända version, att utgå från',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  latestNarratives!: Record<string, string>;
}
