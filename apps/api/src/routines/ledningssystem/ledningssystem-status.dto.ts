import { ApiProperty } from '@nestjs/swagger';

export class DocumentDecisionStatusDto {
  @ApiProperty({
    enum: ['not_registered', 'missing', 'expired', 'valid'],
    description:
      'Nämndens beslut om gällande ledningssystem (AUD-1); expired = äldre än två år (AUD-2, GAP-4)',
  })
  decision!: 'not_registered' | 'missing' | 'expired' | 'valid';
  @ApiProperty({ type: String, format: 'date', nullable: true }) decidedOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Beslutet gäller till' })
  validUntil!: string | null;
  @ApiProperty({ description: 'Årets genomgång (mars) är inte gjord i tid (AUD-4)' }) reviewOverdue!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Genomgången som står på tur' })
  pendingReviewYear!: number | null;
}

export class LedningssystemStatusDto {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ type: [String], description: 'Enheterna som räknas (anroparens)' }) unitIds!: string[];
  @ApiProperty({ type: DocumentDecisionStatusDto }) document!: DocumentDecisionStatusDto;
  @ApiProperty({ description: 'Fastställda processer/rutiner med passerat revideringsdatum (AUD-2, PR-5)' })
  routinesOverdue!: number;
  @ApiProperty({ description: 'Fastställda processer/rutiner som ska revideras inom 90 dagar' })
  routinesDueSoon!: number;
  @ApiProperty({ description: 'Roller utan gällande förordnande (AUD-5, AUD-6)' })
  appointmentsMissing!: number;
  @ApiProperty({ description: 'Förfallna egenkontrolltillfällen utan resultat (AUD-11)' })
  egenkontrollMissing!: number;
  @ApiProperty({ description: 'Öppna steg i internkontrollen vars datum har passerat' })
  internkontrollStepsDue!: number;
  @ApiProperty({ description: 'Medarbetare vars information om lex Sarah har förfallit (DL-29)' })
  trainingOverdue!: number;
  @ApiProperty({ description: 'Enheter utan riskanalys under året (RA-10)' }) riskAnalysisGaps!: number;
  @ApiProperty({ description: 'Enheter som ska ha en riskanalys under året' }) riskAnalysisUnits!: number;
  @ApiProperty({ description: 'Förbättringsåtgärder med passerat datum som inte är genomförda' })
  improvementsOverdue!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Aktiviteter i årshjulet med passerat datum' })
  arshjulOverdue!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Berättelser och rapporter som körningen tagit fram och som ingen godkänt (REP-1); null när anroparen inte läser någon av dem',
  })
  reportsAwaitingApproval!: number | null;
}

export class UnitCountDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() count!: number;
}

export class ReviewCaseCountsDto {
  @ApiProperty() complaint!: number;
  @ApiProperty() deviation!: number;
  @ApiProperty() hsl_deviation!: number;
  @ApiProperty() lex_sarah!: number;
  @ApiProperty() lex_maria!: number;
}

export class ReviewArshjulCompletionDto {
  @ApiProperty({ description: 'Aktiviteter som är klara' }) done!: number;
  @ApiProperty({ description: 'Aktiviteter i årshjulet (inte inställda)' }) total!: number;
  @ApiProperty({ description: 'Aktiviteter med passerat datum som inte är klara' }) overdue!: number;
}

/** The March review's fact sheet (REP-13 inputs, DL-24), read from the registers. */
export class ReviewFactSheetDto {
  @ApiProperty({ description: 'Genomgångens år' }) year!: number;
  @ApiProperty({ description: 'Året som gås igenom (året före genomgången)' }) periodYear!: number;
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ description: 'Fastställda processer och rutiner' }) routinesAdopted!: number;
  @ApiProperty({ description: 'Varav med passerat revideringsdatum' }) routinesOverdue!: number;
  @ApiProperty({ description: 'Egenkontrolltillfällen med resultat under året' }) egenkontrollDone!: number;
  @ApiProperty({ description: 'Förfallna egenkontrolltillfällen utan resultat' })
  egenkontrollMissing!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['risk_analysis', 'adopted', 'reported'],
    description: 'Årets internkontrollplan: läge (null = ingen plan)',
  })
  internkontrollStage!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Internkontrollens rapporterade utfall' })
  internkontrollSummary!: string | null;
  @ApiProperty({
    type: ReviewArshjulCompletionDto,
    nullable: true,
    description: 'Årshjulet för året: hur mycket som är klart (AUD-13, DL-31); null = inget årshjul',
  })
  arshjul!: ReviewArshjulCompletionDto | null;
  @ApiProperty({ type: [UnitCountDto], description: 'Riskanalyser under året per enhet (RA-10)' })
  riskAnalysesPerUnit!: UnitCountDto[];
  @ApiProperty({ type: [UnitCountDto], description: 'Enheter utan riskanalys under året' })
  unitsWithoutRiskAnalysis!: UnitCountDto[];
  @ApiProperty({ type: ReviewCaseCountsDto, description: 'Ärenden som kom in under året' })
  cases!: ReviewCaseCountsDto;
  @ApiProperty({ description: 'Förbättringsåtgärder som inte är genomförda' }) improvementsOpen!: number;
  @ApiProperty({ description: 'Varav med passerat datum' }) improvementsOverdue!: number;
  @ApiProperty({ description: 'Roller utan gällande förordnande' }) appointmentsMissing!: number;
  @ApiProperty({ description: 'Medarbetare vars information om lex Sarah har förfallit' })
  trainingOverdue!: number;
}
