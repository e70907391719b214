import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { REVIEW_CHECKLIST } from '@kvalitet/domain';
import { Optional } from '../../common/validation/optional';
import { RegisterCommandDto } from '../routine.dto';
import { DecisionDto, DecisionField } from '../register-support/decision.dto';
import { LsTaskDto } from '../register-support/ls-task.dto';
import { DocumentDecisionStatusDto } from './ledningssystem-status.dto';
import { IsDate_, IsKnownUnit, IsUsername } from '../register-support/validators';
import { RequiredText } from '../../common/validation/required-text';
import { OptionalText } from '../../common/validation/optional-text';

const CHECKLIST_KEYS = REVIEW_CHECKLIST.map((i) => i.key);

export class CreateLedningssystemDto {
  @RequiredText({ example: 'Ledningssystem för systematiskt kvalitetsarbete', maxLength: 300 })
  title!: string;

  @ApiProperty({ example: 'forvaltningschef', description: 'Ansvarig' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;
}

export class AdoptLedningssystemVersionDto extends RegisterCommandDto {
  @RequiredText({ example: '2.0', maxLength: 30 })
  version!: string;

  @DecisionField({ description: 'Nämndens beslut (datum, paragraf) — "Beslutat av"' })
  decision!: DecisionDto;

  @ApiProperty({ format: 'date', description: 'Fastställelse / Reviderad' })
  @IsDefined()
  @IsDate_()
  validFrom!: string;

  @RequiredText({ maxLength: 2000 })
  changeNote!: string;

  @RequiredText({ example: 'Vartannat år, eller vid behov', maxLength: 500, description: 'Revideras' })
  revisionRule!: string;

  @RequiredText({ example: 'Årligen i mars', maxLength: 500, description: 'Följs upp' })
  followUpRule!: string;
}

export class CheckReviewItemDto extends RegisterCommandDto {
  @ApiProperty({ enum: CHECKLIST_KEYS, enumName: 'ReviewChecklistKey' })
  @IsDefined()
  @IsIn(CHECKLIST_KEYS)
  key!: (typeof CHECKLIST_KEYS)[number];

  @ApiProperty()
  @IsDefined()
  @IsBoolean()
  done!: boolean;

  @OptionalText({ maxLength: 5000, description: 'Krävs när punkten inte är uppfylld' })
  note?: string;
}

/** One decided improvement: it becomes an improvement action with an owner and a last day (IMP-10). */
export class ReviewImprovementActionDto {
  @RequiredText({ example: 'Rutinen för avvikelser revideras', maxLength: 300, description: 'Rubrik' })
  title!: string;

  @ApiProperty({ example: 'enhetschef', description: 'Ansvarig (användarnamn i organisationen)' })
  @IsDefined()
  @IsString()
  @IsUsername()
  owner!: string;

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'Ska vara genomförd senast' })
  @IsDefined()
  @IsDate_()
  dueOn!: string;

  @ApiPropertyOptional({ example: 'solgarden', description: 'Enhet; utan den förvaltningen' })
  @Optional()
  @IsString()
  @IsKnownUnit()
  unitId?: string;
}

export class CompleteReviewDto extends RegisterCommandDto {
  @ApiProperty({ enum: ['approved', 'improvements_decided'] })
  @IsDefined()
  @IsIn(['approved', 'improvements_decided'])
  outcome!: 'approved' | 'improvements_decided';

  @DecisionField({ description: 'Nämndens beslut' })
  decision!: DecisionDto;

  @ApiPropertyOptional({ type: [String], description: 'Beslutade förbättringar (nästa års handlingsplan)' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  improvements?: string[];

  @ApiPropertyOptional({
    type: [ReviewImprovementActionDto],
    description:
      'Beslutade förbättringar med ansvarig och slutdatum: var och en blir en förbättringsåtgärd (IMP-10, REP-13)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReviewImprovementActionDto)
  actions?: ReviewImprovementActionDto[];
}

export class ReviewActionViewDto {
  @ApiProperty({ format: 'uuid', description: 'Förbättringsåtgärdens id' }) improvementId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Åtgärdens referens' }) reference!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty({
    type: String,
    enum: ['proposed', 'rejected', 'planned', 'implemented', 'effective'],
    nullable: true,
    description: 'Åtgärdens läge i förbättringsregistret (null medan den skrivs)',
  })
  stage!: string | null;
}

export class DocumentVersionDto {
  @ApiProperty() version!: string;
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty() changeNote!: string;
  @ApiProperty() revisionRule!: string;
  @ApiProperty() followUpRule!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class DocumentHeaderDto {
  @ApiProperty({ type: String, nullable: true, description: 'Beslutat av' }) beslutatAv!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Fastställelse (första versionens datum)' })
  faststallelse!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Reviderad (gällande versions datum)' })
  reviderad!: string | null;
  @ApiProperty({ description: 'Ansvarig' }) ansvarig!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Revideras' }) revideras!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Följs upp' }) foljsUpp!: string | null;
}

export class ReviewItemDto {
  @ApiProperty({ enum: CHECKLIST_KEYS, enumName: 'ReviewChecklistKey' }) key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null = inte genomgången' }) done!:
    boolean | null;
  @ApiProperty() note!: string;
  @ApiProperty({ type: String, nullable: true }) checkedBy!: string | null;
}

export class ReviewFactsDto {
  @ApiProperty({ description: 'Processer/rutiner med passerat revideringsdatum' }) routinesOverdue!: number;
  @ApiProperty({ description: 'Förfallna egenkontrolltillfällen utan resultat' })
  egenkontrollMissing!: number;
  @ApiProperty({ description: 'Roller utan gällande förordnande' }) appointmentsMissing!: number;
  @ApiProperty({ description: 'Personal vars information om lex Sarah har förfallit' })
  trainingOverdue!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Föregående års internkontroll: läge' })
  internkontrollStage!: string | null;
}

export class AnnualReviewDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [ReviewItemDto] }) checklist!: ReviewItemDto[];
  @ApiProperty({ type: String, enum: ['approved', 'improvements_decided'], nullable: true }) outcome!:
    string | null;
  @ApiProperty({ type: DecisionDto, nullable: true }) decision!: DecisionDto | null;
  @ApiProperty({ type: [String] }) improvements!: string[];
  @ApiProperty({ type: [ReviewActionViewDto], description: 'Beslutade förbättringsåtgärder (IMP-10)' })
  actions!: ReviewActionViewDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class LedningssystemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['draft', 'adopted'] }) status!: string;
  @ApiProperty({ description: 'Gällande version är beslutad av nämnden (AUD-1; annars rött)' })
  adoptedByNamnd!: boolean;
  @ApiProperty({
    type: DocumentDecisionStatusDto,
    description:
      'Nämndens beslut: saknas, har gått ut (AUD-2) eller gäller, och om årets genomgång är försenad',
  })
  decisionStatus!: DocumentDecisionStatusDto;
  @ApiProperty({ type: DocumentHeaderDto }) header!: DocumentHeaderDto;
  @ApiProperty({ type: [DocumentVersionDto] }) versions!: DocumentVersionDto[];
  @ApiProperty({ type: AnnualReviewDto, nullable: true, description: 'Genomgången som står på tur' })
  pendingReview!: AnnualReviewDto | null;
  @ApiProperty({ type: ReviewFactsDto }) facts!: ReviewFactsDto;
  @ApiProperty({ type: [AnnualReviewDto] }) reviews!: AnnualReviewDto[];
  @ApiProperty({ type: [LsTaskDto] }) tasks!: LsTaskDto[];
  @ApiProperty() version!: number;
}
